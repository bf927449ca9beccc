import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask-email';

describe('maskEmail', () => {
  it('keeps the first and last letter of the name and the domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a•••e@example.com');
    expect(maskEmail('al@example.com')).toBe('a•••@example.com');
    expect(maskEmail('My Gemini key')).toBe('My Gemini key');
  });
});
