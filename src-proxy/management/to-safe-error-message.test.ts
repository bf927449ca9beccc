import { describe, expect, it } from 'vitest';
import { toSafeErrorMessage } from './to-safe-error-message';

describe('toSafeErrorMessage', () => {
  it('keeps the first line of an ordinary message', () => {
    expect(toSafeErrorMessage(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8317\n  at x'))).toBe(
      'listen EADDRINUSE: address already in use 127.0.0.1:8317',
    );
  });

  it('redacts bearer tokens, key-like values and long opaque strings', () => {
    const message = toSafeErrorMessage(
      new Error('upstream said Bearer abc.def for api-key=hunter2 using sk-ant-0123456789 and eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0'),
    );
    expect(message).toBe('upstream said Bearer [redacted] for api-key=[redacted] using [redacted] and [redacted]');
  });

  it('falls back for non-errors, empty messages and bounds the length', () => {
    expect(toSafeErrorMessage({ secret: 'x' })).toBe('The operation failed.');
    expect(toSafeErrorMessage(new Error(''))).toBe('The operation failed.');
    expect(toSafeErrorMessage(new Error('word '.repeat(200))).length).toBeLessThanOrEqual(300);
  });
});
