import { describe, expect, it } from 'vitest';
import type { AccountSummary, QuotaWindow } from './control/account-types';
import type { ForecastedAccountQuota, QuotaForecast } from './control/quota-forecast-types';
import { quotaStatusLine } from './quota-status-line';

const account = (id: string, providerLabel: string, label: string): AccountSummary => ({
  id, provider: providerLabel.toLowerCase(), providerLabel, renewWith: null, kind: 'oauth', label, email: label, status: 'active',
  statusMessage: null, coolingUntil: null, expiresAt: null, disabled: false, models: [],
});
const window = (id: string, label: string, overrides: Partial<QuotaWindow> = {}): QuotaWindow => ({ id, label, usedPercent: 40, resetsAt: 16 * 3_600_000, status: 'ok', ...overrides });
const forecast = (windowId: string, state: QuotaForecast['state'], runsOutAt: number | null = null): QuotaForecast => ({ windowId, state, runsOutAt, resetsAt: 16 * 3_600_000, usedPercentNow: 50, percentPerHour: 10, reason: null });
const quota = (accountId: string, windows: QuotaWindow[], forecasts: QuotaForecast[]): ForecastedAccountQuota => ({ accountId, windows, forecasts, updatedAt: 1, error: null, unknown: null });

const accounts = [account('claude-a.json', 'Claude', 'a@b.com'), account('codex-c.json', 'Codex', 'c@d.com')];
const hhmm = (ms: number) => `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor((ms % 3_600_000) / 60_000)).padStart(2, '0')}`;
const options = { maskEmails: false, formatTime: hhmm };

describe('quotaStatusLine', () => {
  it('names the account whose window runs out first', () => {
    const quotas = [
      quota('codex-c.json', [window('primary', '5-hour')], [forecast('primary', 'runs-out', 15 * 3_600_000)]),
      quota('claude-a.json', [window('5h', '5-hour'), window('7d', '7-day')], [forecast('5h', 'runs-out', 14 * 3_600_000 + 32 * 60_000), forecast('7d', 'lasts')]),
    ];
    expect(quotaStatusLine(quotas, accounts, options)).toBe('Claude a@b.com: 5-hour limit at 14:32');
    expect(quotaStatusLine(quotas, accounts, { ...options, maskEmails: true })).toBe('Claude: 5-hour limit at 14:32');
  });

  it('puts a used-up window before one that will run out, and a provider warning after both', () => {
    const quotas = [
      quota('claude-a.json', [window('5h', '5-hour', { status: 'warning', usedPercent: 85.4 })], [forecast('5h', 'unknown')]),
      quota('codex-c.json', [window('primary', '5-hour', { status: 'rejected', usedPercent: 100 })], [forecast('primary', 'exhausted')]),
    ];
    expect(quotaStatusLine(quotas, accounts, options)).toBe('Codex c@d.com: 5-hour limit used up until 16:00');
    expect(quotaStatusLine(quotas.slice(0, 1), accounts, options)).toBe('Claude a@b.com: 5-hour at 85 %');
  });

  it('says quota fine when something is known and nothing presses, and nothing when nothing is known', () => {
    expect(quotaStatusLine([quota('claude-a.json', [window('5h', '5-hour')], [forecast('5h', 'lasts')])], accounts, options)).toBe('Quota fine');
    expect(quotaStatusLine([quota('claude-a.json', [], [])], accounts, options)).toBeNull();
    expect(quotaStatusLine([], accounts, options)).toBeNull();
  });
});
