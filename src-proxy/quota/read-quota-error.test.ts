import { describe, expect, it } from 'vitest';
import { readQuotaError } from './read-quota-error';

const now = 1_790_000_000_000;

describe('readQuotaError', () => {
  it('Codex usage_limit_reached: a refused limit window until resets_at', () => {
    const body = JSON.stringify({ error: { type: 'usage_limit_reached', message: 'The usage limit has been reached', plan_type: 'plus', resets_at: 1_790_003_600, resets_in_seconds: 3600 } });
    expect(readQuotaError(429, body, now)).toEqual({
      source: 'error',
      windows: [{ id: 'limit', label: 'Usage limit reached', usedPercent: 100, resetsAt: 1_790_003_600_000, status: 'rejected' }],
    });
  });

  it('Codex usage_limit_reached without a reset: reset unknown', () => {
    const reading = readQuotaError(429, JSON.stringify({ error: { type: 'usage_limit_reached' } }), now);
    expect(reading?.windows[0]).toMatchObject({ id: 'limit', resetsAt: null, status: 'rejected' });
  });

  it('Gemini 429 RESOURCE_EXHAUSTED with RetryInfo: rate limited until now + retryDelay', () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: 'You have exhausted your capacity on this model. Your quota will reset after 37s.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'cloudcode-pa.googleapis.com', metadata: { quotaResetDelay: '36.5s' } },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
        ],
      },
    });
    expect(readQuotaError(429, body, now)).toEqual({
      source: 'error',
      windows: [{ id: 'limit', label: 'Rate limited', usedPercent: null, resetsAt: now + 37_000, status: 'rejected' }],
    });
  });

  it('nothing for other errors: a plain 429, a Google hint on a 500, a 400, an empty body', () => {
    expect(readQuotaError(429, JSON.stringify({ error: { type: 'rate_limit_error', message: 'slow down' } }), now)).toBeUndefined();
    expect(readQuotaError(500, JSON.stringify({ error: { message: 'retry after 5s', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '5s' }] } }), now)).toBeUndefined();
    expect(readQuotaError(400, JSON.stringify({ error: { type: 'invalid_request_error' } }), now)).toBeUndefined();
    expect(readQuotaError(429, '', now)).toBeUndefined();
  });
});
