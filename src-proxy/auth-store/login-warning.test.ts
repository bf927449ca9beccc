import { describe, expect, it } from 'vitest';
import { describeLoginWarning, expiryWarningLeadMs } from './login-warning';

const hour = 3_600_000;
const now = Date.parse('2026-12-07T10:30:00Z');
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const failing = { since: Date.parse('2026-12-07T10:02:00Z'), failures: 3, cause: 'The token endpoint answered HTTP 503' };

describe('describeLoginWarning', () => {
  it('renewals failing repeatedly while the token works: since when, why, valid until when', () => {
    expect(describeLoginWarning({ trouble: failing, expiresAt: Date.parse('2026-12-07T11:40:00Z'), renewable: true, now, formatTime: hhmm })).toEqual({
      kind: 'renewal-failing',
      message: 'Renewal failing since 10:02 (The token endpoint answered HTTP 503), token valid until 11:40. Log in again if it persists.',
      since: failing.since,
      validUntil: Date.parse('2026-12-07T11:40:00Z'),
    });
    expect(describeLoginWarning({ trouble: failing, expiresAt: now - hour, renewable: true, now, formatTime: hhmm })?.message).toContain('token expired at 09:30');
  });

  it('one failure is a blip, not a warning', () => {
    expect(describeLoginWarning({ trouble: { ...failing, failures: 1 }, expiresAt: now + hour, renewable: true, now })).toBeNull();
  });

  it('an end nothing renews is announced from 3 days before it; a renewable login or a far end is not', () => {
    const inTwoDays = now + 48 * hour;
    expect(describeLoginWarning({ trouble: undefined, expiresAt: inTwoDays, renewable: false, now, formatTime: hhmm })).toMatchObject({ kind: 'expires-soon', validUntil: inTwoDays, message: expect.stringContaining('stops working at 10:30') });
    expect(describeLoginWarning({ trouble: undefined, expiresAt: now + expiryWarningLeadMs + 1, renewable: false, now })).toBeNull();
    expect(describeLoginWarning({ trouble: undefined, expiresAt: inTwoDays, renewable: true, now })).toBeNull();
    expect(describeLoginWarning({ trouble: undefined, expiresAt: now - 1, renewable: false, now })).toBeNull();
  });
});
