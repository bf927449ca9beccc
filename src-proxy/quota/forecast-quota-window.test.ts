import { describe, expect, it } from 'vitest';
import { forecastQuotaWindow, type ForecastInput } from './forecast-quota-window';
import type { QuotaWindow } from './quota-types';
import { windowLengthMs } from './quota-window-length';

const minute = 60_000;
const hour = 60 * minute;
const now = Date.parse('2026-12-07T12:00:00Z');
const fiveHour: QuotaWindow = { id: '5h', label: '5-hour', usedPercent: 40, resetsAt: now + 2 * hour, status: 'ok' };

function input(overrides: Partial<ForecastInput> = {}): ForecastInput {
  return { window: fiveHour, lengthMs: 5 * hour, tokens: { beforeReading: 40_000, sinceReading: 0, recent: 10_000 }, recentMs: hour, now, ...overrides };
}

describe('forecastQuotaWindow', () => {
  it('runs out before the reset: 1 % per 1,000 tokens, 10 % an hour, 60 % left -> 6 hours; a faster burn lands inside the window', () => {
    expect(forecastQuotaWindow(input())).toMatchObject({ state: 'lasts', runsOutAt: null, usedPercentNow: 40, percentPerHour: 10 });
    const fast = forecastQuotaWindow(input({ tokens: { beforeReading: 40_000, sinceReading: 0, recent: 40_000 } }));
    expect(fast).toEqual({ windowId: '5h', state: 'runs-out', runsOutAt: now + 1.5 * hour, resetsAt: now + 2 * hour, usedPercentNow: 40, percentPerHour: 40, reason: null });
  });

  it('tokens since the reading count at the same price: the estimate moves up and the end comes sooner', () => {
    const moved = forecastQuotaWindow(input({ tokens: { beforeReading: 40_000, sinceReading: 20_000, recent: 40_000 } }));
    expect(moved).toMatchObject({ state: 'runs-out', usedPercentNow: 60, runsOutAt: now + hour });
    expect(forecastQuotaWindow(input({ tokens: { beforeReading: 40_000, sinceReading: 70_000, recent: 70_000 } }))).toMatchObject({ state: 'runs-out', runsOutAt: now, usedPercentNow: 100 });
  });

  it('an idle account lasts; a refused or full window is exhausted', () => {
    expect(forecastQuotaWindow(input({ tokens: { beforeReading: 0, sinceReading: 0, recent: 0 } }))).toMatchObject({ state: 'lasts', percentPerHour: 0, usedPercentNow: 40 });
    expect(forecastQuotaWindow(input({ window: { ...fiveHour, status: 'rejected', usedPercent: 97 } }))).toMatchObject({ state: 'exhausted', usedPercentNow: 100 });
    expect(forecastQuotaWindow(input({ window: { ...fiveHour, usedPercent: 104 } }))).toMatchObject({ state: 'exhausted', usedPercentNow: 104 });
  });

  it('says why when it cannot tell', () => {
    const reasonOf = (overrides: Partial<ForecastInput>) => forecastQuotaWindow(input(overrides)).reason;
    expect(reasonOf({ window: { ...fiveHour, usedPercent: null } })).toMatch(/no percentage/);
    expect(reasonOf({ window: { ...fiveHour, resetsAt: null } })).toMatch(/no reset time/);
    expect(reasonOf({ window: { ...fiveHour, resetsAt: now - 1 } })).toMatch(/reset since the last reading/);
    expect(reasonOf({ tokens: null })).toMatch(/usage statistics are off/);
    expect(reasonOf({ lengthMs: null })).toMatch(/how long this window is/);
    expect(reasonOf({ tokens: { beforeReading: 0, sinceReading: 0, recent: 5 } })).toMatch(/Too little use/);
    expect(forecastQuotaWindow(input({ lengthMs: null })).state).toBe('unknown');
  });
});

describe('windowLengthMs', () => {
  it('from Claude ids and the labels of windows of known minutes; null otherwise', () => {
    expect(windowLengthMs({ id: '5h', label: '5-hour' })).toBe(5 * hour);
    expect(windowLengthMs({ id: '7d-opus', label: 'Weekly (Opus)' })).toBe(168 * hour);
    expect(windowLengthMs({ id: 'secondary', label: 'Weekly' })).toBe(168 * hour);
    expect(windowLengthMs({ id: 'primary', label: '3-day' })).toBe(72 * hour);
    expect(windowLengthMs({ id: 'primary', label: '90-minute' })).toBe(90 * minute);
    expect(windowLengthMs({ id: 'gemini-2.5-pro', label: 'gemini-2.5-pro' })).toBeNull();
    expect(windowLengthMs({ id: 'limit', label: 'Usage limit' })).toBeNull();
  });
});
