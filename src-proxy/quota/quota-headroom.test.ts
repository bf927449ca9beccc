import { describe, expect, it } from 'vitest';
import { testCredential } from '../routing/test-credential.fixture';
import { quotaHeadroom } from './quota-headroom';
import { headroomForecastMs, QuotaService } from './quota-service';
import type { QuotaForecast, QuotaWindow } from './quota-types';

const now = Date.parse('2026-12-07T12:00:00Z');
const hour = 3_600_000;
const window = (id: string, usedPercent: number | null, status: QuotaWindow['status'] = 'ok'): QuotaWindow => ({ id, label: id, usedPercent, resetsAt: now + hour, status });
const forecast = (state: QuotaForecast['state']): QuotaForecast => ({ windowId: '5h', state, runsOutAt: null, resetsAt: null, usedPercentNow: null, percentPerHour: null, reason: null });

describe('quotaHeadroom', () => {
  it('the tightest window counts; a refused one leaves nothing; a forecast to run out or a full window says runsOut', () => {
    expect(quotaHeadroom([window('5h', 30), window('7d', 85)], [forecast('lasts')])).toEqual({ remainingPercent: 15, runsOut: false });
    expect(quotaHeadroom([window('5h', 30)], [forecast('runs-out')])).toEqual({ remainingPercent: 70, runsOut: true });
    expect(quotaHeadroom([window('5h', null, 'rejected'), window('7d', 10)], [])).toEqual({ remainingPercent: 0, runsOut: true });
    expect(quotaHeadroom([window('plan', null)], [forecast('unknown')])).toBeUndefined();
    expect(quotaHeadroom([], [])).toBeUndefined();
  });
});

describe('QuotaService.headroomOf (called on every routing pick)', () => {
  it('reads the share left from the latest reading each time; recomputes forecasts at most once a minute per account', () => {
    const clock = { now };
    const asked: string[] = [];
    const account = testCredential({ id: 'auth:claude-a.json', provider: 'claude', apiKey: '' });
    const quota = new QuotaService({
      credentials: () => [account],
      dispatcherFor: () => {
        throw new Error('no endpoint asked');
      },
      tokensUsed: (id) => (asked.push(id), 1000),
      now: () => clock.now,
    });
    expect(quota.headroomOf(account.id)).toBeUndefined();
    const headers = (fraction: string) => ({ 'anthropic-ratelimit-unified-5h-utilization': fraction, 'anthropic-ratelimit-unified-5h-reset': String((now + 4 * hour) / 1000) });
    quota.observeResponse(account, 200, headers('0.2'), clock.now);
    expect(quota.headroomOf(account.id)).toEqual({ remainingPercent: 80, runsOut: false });
    const queriesPerForecast = asked.length;
    expect(queriesPerForecast).toBeGreaterThan(0);
    quota.observeResponse(account, 200, headers('0.5'), clock.now);
    expect(quota.headroomOf(account.id)?.remainingPercent).toBe(50);
    expect(asked).toHaveLength(queriesPerForecast);
    clock.now += headroomForecastMs;
    quota.headroomOf(account.id);
    expect(asked.length).toBeGreaterThan(queriesPerForecast);
  });
});
