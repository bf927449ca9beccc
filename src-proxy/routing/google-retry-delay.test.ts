import { describe, expect, it } from 'vitest';
import { classifyFailure } from './classify-failure';
import { readGoogleRetryDelayMs } from './google-retry-delay';

const error = (details: unknown[], message = 'Resource exhausted') => JSON.stringify({ error: { code: 429, status: 'RESOURCE_EXHAUSTED', message, details } });

describe('Google retry hints (docs/providers.md#gemini-cli-errors-and-quota)', () => {
  it('reads RetryInfo first, then ErrorInfo quotaResetDelay, then an "after" in the message', () => {
    expect(readGoogleRetryDelayMs(error([{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', metadata: { quotaResetDelay: '9s' } }, { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }]))).toBe(37_000);
    expect(readGoogleRetryDelayMs(error([{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', metadata: { quotaResetDelay: '1h2m3.5s' } }]))).toBe(3_723_500);
    expect(readGoogleRetryDelayMs(error([], 'Quota exceeded, retry after 12s.'))).toBe(12_000);
    expect(readGoogleRetryDelayMs(error([], 'Please retry after 1h2m3s'))).toBe(3_723_000);
    expect(readGoogleRetryDelayMs(JSON.stringify([{ error: { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.5s' }] } }]))).toBe(500);
    expect(readGoogleRetryDelayMs(error([]))).toBeUndefined();
    expect(readGoogleRetryDelayMs('not json after 5s')).toBeUndefined();
  });

  it('sets the cooldown of a 429 without Retry-After', () => {
    const verdict = classifyFailure({ status: 429, body: error([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }]), retryAfter: undefined }, 0, 0);
    expect(verdict).toMatchObject({ reason: 'quota', cooldownMs: 37_000, rotate: true });
    expect(classifyFailure({ status: 429, body: error([]), retryAfter: '3' }, 0, 0).cooldownMs).toBe(3000);
  });
});
