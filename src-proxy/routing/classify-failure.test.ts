import { describe, expect, it } from 'vitest';
import { classifyFailure, parseRetryAfterMs } from './classify-failure';

const failure = (status: number | undefined, body = '', retryAfter?: string) => ({ status, body, retryAfter });

describe('classifyFailure (docs/routing.md#cooldowns)', () => {
  it('401/402/403 cool the whole credential for 30 minutes', () => {
    for (const status of [401, 402, 403]) {
      const verdict = classifyFailure(failure(status), 0, 0);
      expect(verdict).toMatchObject({ rotate: true, cooldownMs: 30 * 60_000, scope: 'credential' });
    }
  });

  it('404 cools that model for 12 hours', () => {
    expect(classifyFailure(failure(404), 0, 0)).toMatchObject({ cooldownMs: 12 * 3_600_000, scope: 'model', reason: 'not_found' });
  });

  it('429 honours Retry-After, else backs off exponentially, capped at 30 minutes', () => {
    expect(classifyFailure(failure(429, '', '7'), 0, 0)).toMatchObject({ cooldownMs: 7000, quota: true });
    expect(classifyFailure(failure(429), 0, 0).cooldownMs).toBe(1000);
    expect(classifyFailure(failure(429), 3, 0).cooldownMs).toBe(8000);
    expect(classifyFailure(failure(429), 40, 0).cooldownMs).toBe(30 * 60_000);
  });

  it('a 403 that says the quota is used up is a quota (Qwen), with Retry-After honoured; other 403s stay refusals', () => {
    const qwen = classifyFailure({ status: 403, body: '{"error":{"code":"insufficient_quota","message":"Free allocated quota exceeded."}}', retryAfter: '120' }, 0, 60);
    expect(qwen).toEqual({ rotate: true, cooldownMs: 120_000, scope: 'model', reason: 'quota', quota: true });
    expect(classifyFailure({ status: 403, body: 'free allocated quota exceeded', retryAfter: undefined }, 2, 60)).toMatchObject({ reason: 'quota', cooldownMs: 4_000 });
    expect(classifyFailure({ status: 403, body: '{"error":{"type":"permission_error"}}', retryAfter: undefined }, 0, 60)).toMatchObject({ reason: 'payment_required', scope: 'credential' });
  });

  it('5xx and network failures use the transient cooldown (config-normalized seconds, 0 = none)', () => {
    expect(classifyFailure(failure(503), 0, 60).cooldownMs).toBe(60_000);
    expect(classifyFailure(failure(undefined), 0, 5).cooldownMs).toBe(5000);
    expect(classifyFailure(failure(500), 0, 0).cooldownMs).toBe(0);
  });

  it('request faults go back to the client without rotation or cooldown', () => {
    for (const status of [400, 409, 413, 422]) {
      expect(classifyFailure(failure(status, '{"error":{"message":"bad field"}}'), 0, 0)).toMatchObject({ rotate: false, cooldownMs: 0 });
    }
  });

  it('invalid_grant and unsupported models are credential problems, not request faults', () => {
    expect(classifyFailure(failure(400, '{"error":"invalid_grant"}'), 0, 0)).toMatchObject({ rotate: true, scope: 'credential' });
    expect(classifyFailure(failure(400, 'The model `x` does not exist'), 0, 0)).toMatchObject({ rotate: true, reason: 'model_not_supported' });
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('Thu, 01 Jan 2026 00:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
