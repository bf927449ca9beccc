import { describe, expect, it } from 'vitest';
import type { ForecastedAccountQuota, QuotaForecast } from '../../../src-shared/control/quota-forecast-types';
import { describeQuotaForecast } from './describe-quota-forecast';

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const at = (time: string) => Date.parse(`2026-12-07T${time}:00Z`);
const forecast = (windowId: string, state: QuotaForecast['state'], extra: Partial<QuotaForecast> = {}): QuotaForecast => ({ windowId, state, runsOutAt: null, resetsAt: at('16:00'), usedPercentNow: 50, percentPerHour: 10, reason: null, ...extra });

function quota(forecasts: QuotaForecast[], unknown: string | null = null): ForecastedAccountQuota {
  const windows = [
    { id: '5h', label: '5-hour', usedPercent: 50, resetsAt: at('16:00'), status: 'ok' as const },
    { id: '7d', label: 'Weekly', usedPercent: 20, resetsAt: at('18:00'), status: 'ok' as const },
  ];
  return { accountId: 'a.json', windows, updatedAt: at('12:00'), error: null, forecasts, unknown };
}

describe('describeQuotaForecast', () => {
  it('names the most constrained window: used up, then the earliest to run out', () => {
    expect(describeQuotaForecast(quota([forecast('7d', 'runs-out', { runsOutAt: at('15:10') }), forecast('5h', 'runs-out', { runsOutAt: at('14:32') })]), hhmm)).toEqual({
      tone: 'warning',
      text: 'At this rate the 5-hour limit is reached at 14:32, before its reset at 16:00.',
    });
    expect(describeQuotaForecast(quota([forecast('5h', 'runs-out', { runsOutAt: at('14:32') }), forecast('7d', 'exhausted', { resetsAt: at('18:00') })]), hhmm)).toEqual({ tone: 'error', text: 'The Weekly limit is used up until 18:00.' });
  });

  it('every window lasting, the provider telling nothing, and no forecast yet are said plainly', () => {
    expect(describeQuotaForecast(quota([forecast('5h', 'lasts'), forecast('7d', 'lasts')]), hhmm)?.text).toBe('At this rate every window lasts past its reset.');
    expect(describeQuotaForecast(quota([], 'iFlow reports no quota.'), hhmm)).toEqual({ tone: 'quiet', text: 'iFlow reports no quota.' });
    expect(describeQuotaForecast(quota([forecast('5h', 'unknown', { reason: 'Too little use through the proxy yet.' })]), hhmm)?.text).toBe('No forecast yet: Too little use through the proxy yet.');
    expect(describeQuotaForecast(quota([]), hhmm)).toBeNull();
  });
});
