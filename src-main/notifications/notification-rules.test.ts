import { describe, expect, it } from 'vitest';
import type { AccountQuota, AccountSummary } from '../../src-shared/control/account-types';
import { defaultAppSettings } from '../../src-shared/control/app-settings';
import type { ForecastedAccountQuota } from '../../src-shared/control/quota-forecast-types';
import type { EngineStatus } from '../../src-shared/engine-status';
import { accountNotifications, loginFinishedNotification, loginWarningNotifications, proxyStoppedNotification, quotaForecastNotifications, quotaNotifications } from './notification-rules';

const account = (id: string, status: AccountSummary['status']): AccountSummary => ({
  id,
  provider: 'claude',
  providerLabel: 'Claude',
  renewWith: 'claude',
  kind: 'oauth',
  label: `${id}@example.com`,
  email: `${id}@example.com`,
  status,
  statusMessage: null,
  coolingUntil: null,
  expiresAt: null,
  disabled: false,
  models: [],
});

const claude = { provider: 'claude', label: 'Claude' };

const running: EngineStatus = { state: 'running', host: '127.0.0.1', port: 8317, baseUrl: 'http://127.0.0.1:8317/v1', error: null, accounts: 1, requestsServed: 0, teamStore: false };

describe('notification rules', () => {
  it('login finished: success names the account (masked when asked), failure says why and what next', () => {
    expect(loginFinishedNotification(claude, { status: 'ok', email: 'ada@example.com' }, defaultAppSettings)).toMatchObject({ title: 'Claude account added', body: 'ada@example.com is ready to use.' });
    expect(loginFinishedNotification(claude, { status: 'ok', email: 'ada@example.com' }, { ...defaultAppSettings, maskEmails: true })?.body).not.toContain('ada');
    expect(loginFinishedNotification({ provider: 'codex', label: 'Codex' }, { status: 'error', error: 'Timeout waiting for OAuth callback.' }, defaultAppSettings)).toMatchObject({ title: 'Codex login failed', body: expect.stringContaining('paste the callback URL') });
    expect(loginFinishedNotification(claude, { status: 'wait' }, defaultAppSettings)).toBeNull();
    expect(loginFinishedNotification(claude, { status: 'ok', email: 'a' }, { ...defaultAppSettings, notifyLogins: false })).toBeNull();
  });

  it('login warnings: one per account and cause, with the engine\'s sentence and the login that renews it', () => {
    const failing: AccountSummary = { ...account('a', 'active'), loginWarning: 'renewal-failing', statusMessage: 'Renewal failing since 10:02 (connect ECONNREFUSED), token valid until 11:40. Log in again if it persists.' };
    const ending: AccountSummary = { ...account('b', 'active'), loginWarning: 'expires-soon', statusMessage: 'This login cannot renew itself and stops working at 9 Dec 2026, 10:00. Log in again before then.' };
    const [first, second] = loginWarningNotifications([failing, ending, account('c', 'active')], defaultAppSettings);
    expect(first).toEqual({ key: 'login-warning:a:renewal-failing', title: 'Claude login: renewal failing', body: `a@example.com: ${failing.statusMessage}`, relogin: 'claude' });
    expect(second).toMatchObject({ key: 'login-warning:b:expires-soon', title: 'Claude login ends soon', relogin: 'claude' });
    expect(loginWarningNotifications([failing], { ...defaultAppSettings, maskEmails: true })[0]?.body).toMatch(/^An account: Renewal failing/);
    // Once it needs a new login the warning is over (that has its own notification); the setting turns both off.
    expect(loginWarningNotifications([{ ...failing, status: 'needs-relogin' }], defaultAppSettings)).toEqual([]);
    expect(loginWarningNotifications([failing], { ...defaultAppSettings, notifyAccountProblems: false })).toEqual([]);
    expect(loginWarningNotifications([{ ...failing, renewWith: null }], defaultAppSettings)[0]?.relogin).toBeUndefined();
  });

  it('needs re-login: only on the transition, once per account', () => {
    const before = [account('a', 'active'), account('b', 'needs-relogin')];
    const after = [account('a', 'needs-relogin'), account('b', 'needs-relogin')];
    expect(accountNotifications(before, after, defaultAppSettings).map((notification) => notification.key)).toEqual(['relogin:a']);
    expect(accountNotifications(before, after, defaultAppSettings)[0]?.title).toBe('Claude account needs a new login');
    expect(accountNotifications(after, after, defaultAppSettings)).toEqual([]);
    expect(accountNotifications(before, after, { ...defaultAppSettings, notifyAccountProblems: false })).toEqual([]);
  });

  it('proxy stopped: on an error or an unrequested stop, never on a requested one', () => {
    expect(proxyStoppedNotification(running, { ...running, state: 'error', error: 'Port 8317 is already in use.' }, false, defaultAppSettings)).toMatchObject({ body: 'Port 8317 is already in use.' });
    expect(proxyStoppedNotification(running, { ...running, state: 'stopped' }, false, defaultAppSettings)).toMatchObject({ key: 'proxy-stopped' });
    expect(proxyStoppedNotification(running, { ...running, state: 'stopped' }, true, defaultAppSettings)).toBeNull();
    expect(proxyStoppedNotification({ ...running, state: 'stopped' }, { ...running, state: 'error' }, false, defaultAppSettings)).toBeNull();
  });

  it('quota: once when remaining falls below the threshold', () => {
    const quota = (used: number): AccountQuota[] => [{ accountId: 'a', updatedAt: 1, error: null, windows: [{ id: '5h', label: '5-hour window', usedPercent: used, resetsAt: null, status: 'ok' }] }];
    const accounts = [account('a', 'active')];
    expect(quotaNotifications(quota(50), quota(92), accounts, defaultAppSettings)).toEqual([
      { key: 'quota:a:5h:', title: 'Quota almost used: 5-hour window', body: 'a@example.com has 8% left.' },
    ]);
    expect(quotaNotifications(quota(92), quota(95), accounts, defaultAppSettings)).toEqual([]);
    expect(quotaNotifications(quota(50), quota(85), accounts, defaultAppSettings)).toEqual([]);
  });

  it('quota forecast: a window forecast to run out before its reset within the lead time, keyed by window and reset', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const runsOutIn = (minutes: number, state: 'runs-out' | 'lasts' = 'runs-out'): ForecastedAccountQuota[] => [
      {
        accountId: 'a',
        updatedAt: now,
        error: null,
        unknown: null,
        windows: [{ id: '5h', label: '5-hour', usedPercent: 70, resetsAt: now + 3 * 3_600_000, status: 'ok' }],
        forecasts: [{ windowId: '5h', state, runsOutAt: state === 'runs-out' ? now + minutes * 60_000 : null, resetsAt: now + 3 * 3_600_000, usedPercentNow: 70, percentPerHour: 30, reason: null }],
      },
    ];
    const accounts = [account('a', 'active')];
    expect(quotaForecastNotifications(runsOutIn(45), accounts, defaultAppSettings, now, hhmm)).toEqual([
      { key: `quota-forecast:a:5h:${now + 3 * 3_600_000}`, title: 'Quota running out: 5-hour', body: 'a@example.com: at this rate the limit is reached at 12:45, before it resets at 15:00.' },
    ]);
    expect(quotaForecastNotifications(runsOutIn(90), accounts, defaultAppSettings, now, hhmm)).toEqual([]);
    expect(quotaForecastNotifications(runsOutIn(90), accounts, { ...defaultAppSettings, quotaForecastLeadMinutes: 120 }, now, hhmm)).toHaveLength(1);
    expect(quotaForecastNotifications(runsOutIn(0, 'lasts'), accounts, defaultAppSettings, now, hhmm)).toEqual([]);
    expect(quotaForecastNotifications(runsOutIn(45), accounts, { ...defaultAppSettings, notifyQuota: false }, now, hhmm)).toEqual([]);
  });
});
