import { describe, expect, it } from 'vitest';
import { decodeKimiUsage } from './decode-kimi-usage';

const now = Date.UTC(2030, 0, 1);

describe('decodeKimiUsage (GET /coding/v1/usages)', () => {
  it('reads the windows of limits[] (label from the window, used from remaining) and the weekly usage, numbers as strings', () => {
    const body = {
      usage: { limit: '100', used: '25', remaining: '75', resetTime: '2030-01-06T00:00:00Z' },
      limits: [
        { window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '200', remaining: '180', resetTime: '2030-01-01T05:00:00Z' } },
        { window: { duration: 1, timeUnit: 'TIME_UNIT_DAY' }, detail: { limit: 10, used: 10, resetIn: 60 } },
        { name: 'Burst', limit: '50', used: '40', timeUnit: 'TIME_UNIT_HOUR' },
        { detail: { note: 'no numbers' } },
      ],
    };
    expect(decodeKimiUsage(body, now)).toEqual({
      source: 'usage-endpoint',
      windows: [
        { id: 'limit-0', label: '5-hour', usedPercent: 10, resetsAt: Date.parse('2030-01-01T05:00:00Z'), status: 'ok' },
        { id: 'limit-1', label: 'Daily', usedPercent: 100, resetsAt: now + 60_000, status: 'rejected' },
        { id: 'limit-2', label: 'Burst', usedPercent: 80, resetsAt: null, status: 'warning' },
        { id: 'weekly', label: 'Weekly', usedPercent: 25, resetsAt: Date.parse('2030-01-06T00:00:00Z'), status: 'ok' },
      ],
    });
  });

  it('is tolerant: an unknown unit or a missing limit leaves the label or percent unknown; a non-object is no reading', () => {
    expect(decodeKimiUsage({ limits: [{ window: { duration: 3, timeUnit: 'TIME_UNIT_FORTNIGHT' }, detail: { used: '4' } }] }, now)).toEqual({
      source: 'usage-endpoint',
      windows: [{ id: 'limit-0', label: 'Limit 1', usedPercent: null, resetsAt: null, status: 'ok' }],
    });
    expect(decodeKimiUsage({}, now)).toEqual({ source: 'usage-endpoint', windows: [] });
    expect(decodeKimiUsage([], now)).toBeUndefined();
    expect(decodeKimiUsage('text', now)).toBeUndefined();
  });
});
