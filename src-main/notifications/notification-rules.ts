import type { AccountQuota, AccountSummary, LoginOffer, LoginProgress } from '../../src-shared/control/account-types';
import type { AppSettings } from '../../src-shared/control/app-settings';
import type { ForecastedAccountQuota } from '../../src-shared/control/quota-forecast-types';
import type { EngineStatus } from '../../src-shared/engine-status';

/** A desktop notification to show; `key` de-duplicates repeats of the same fact. */
export interface AppNotification {
  key: string;
  title: string;
  body: string;
  /** A login (a `logins.list` name) that clicking it (or its Log in again button, where the OS has one) starts. */
  relogin?: string;
}

/** `login`: the finished login as the engine offers it (`logins.list`), so the title uses its label. */
export function loginFinishedNotification(login: Pick<LoginOffer, 'provider' | 'label'>, progress: LoginProgress, settings: AppSettings): AppNotification | null {
  if (!settings.notifyLogins || progress.status === 'wait') return null;
  const { provider, label: name } = login;
  if (progress.status === 'ok') {
    return { key: `login-ok:${provider}:${progress.email}`, title: `${name} account added`, body: `${settings.maskEmails ? 'The account' : progress.email} is ready to use.` };
  }
  return { key: `login-failed:${provider}`, title: `${name} login failed`, body: `${progress.error} Open the dashboard to try again or paste the callback URL.` };
}

/** Accounts that just started needing a new login (not the ones that already did). */
export function accountNotifications(previous: readonly AccountSummary[], next: readonly AccountSummary[], settings: AppSettings): AppNotification[] {
  if (!settings.notifyAccountProblems) return [];
  const before = new Map(previous.map((account) => [account.id, account.status]));
  return next
    .filter((account) => account.status === 'needs-relogin' && before.get(account.id) !== 'needs-relogin')
    .map((account) => ({
      key: `relogin:${account.id}`,
      title: `${account.providerLabel} account needs a new login`,
      body: `${settings.maskEmails ? 'An account' : account.label} was signed out by the provider. Open Accounts and log in again.`,
    }));
}

/**
 * Active logins with an early warning (renewals failing while the token works, or an end nothing renews within
 * 3 days), with the engine's sentence and the login that renews them. The key names the account and the cause:
 * the glue shows each key once, so once per account per cause.
 */
export function loginWarningNotifications(accounts: readonly AccountSummary[], settings: AppSettings): AppNotification[] {
  if (!settings.notifyAccountProblems) return [];
  return accounts.flatMap((account): AppNotification[] => {
    const { loginWarning } = account;
    if (loginWarning === undefined || account.status !== 'active') return [];
    const title = loginWarning === 'renewal-failing' ? `${account.providerLabel} login: renewal failing` : `${account.providerLabel} login ends soon`;
    const who = settings.maskEmails ? 'An account' : account.label;
    return [
      {
        key: `login-warning:${account.id}:${loginWarning}`,
        title,
        body: `${who}: ${account.statusMessage ?? 'log in again soon.'}`,
        ...(account.renewWith === null ? {} : { relogin: account.renewWith }),
      },
    ];
  });
}

/** The proxy went from running to error, or stopped without the user asking. */
export function proxyStoppedNotification(previous: EngineStatus, next: EngineStatus, stopRequested: boolean, settings: AppSettings): AppNotification | null {
  if (!settings.notifyProxyStopped || previous.state !== 'running') return null;
  if (next.state === 'error') return { key: 'proxy-error', title: 'The proxy stopped', body: next.error ?? 'It stopped with an error. Open the dashboard to start it again.' };
  if (next.state === 'stopped' && !stopRequested) return { key: 'proxy-stopped', title: 'The proxy stopped', body: 'Tools connected to it will fail until it runs again. Use the tray menu to start it.' };
  return null;
}

/** A quota window whose remaining share just dropped below the threshold (once per window and reset). */
export function quotaNotifications(previous: readonly AccountQuota[], next: readonly AccountQuota[], accounts: readonly AccountSummary[], settings: AppSettings): AppNotification[] {
  if (!settings.notifyQuota) return [];
  const limit = 100 - settings.quotaThresholdPercent;
  const wasLow = new Set(previous.flatMap((quota) => quota.windows.filter((window) => (window.usedPercent ?? 0) >= limit).map((window) => `${quota.accountId}:${window.id}`)));
  const labels = new Map(accounts.map((account) => [account.id, settings.maskEmails ? 'An account' : account.label]));
  return next.flatMap((quota) =>
    quota.windows
      .filter((window) => window.usedPercent !== null && window.usedPercent >= limit && !wasLow.has(`${quota.accountId}:${window.id}`))
      .map((window) => ({
        key: `quota:${quota.accountId}:${window.id}:${window.resetsAt ?? ''}`,
        title: `Quota almost used: ${window.label}`,
        body: `${labels.get(quota.accountId) ?? quota.accountId} has ${Math.max(0, 100 - Math.round(window.usedPercent ?? 0))}% left${window.resetsAt === null ? '' : `, resets ${new Date(window.resetsAt).toLocaleString()}`}.`,
      })),
  );
}

/**
 * Windows forecast to run out before their reset within `quotaForecastLeadMinutes` (the forecast of
 * `quota.get`). The key names the window and its reset: the glue shows each key once, so once per window.
 */
export function quotaForecastNotifications(next: readonly ForecastedAccountQuota[], accounts: readonly AccountSummary[], settings: AppSettings, now: number, formatTime: (ms: number) => string = localTime): AppNotification[] {
  if (!settings.notifyQuota) return [];
  const leadMs = settings.quotaForecastLeadMinutes * 60_000;
  const labels = new Map(accounts.map((account) => [account.id, settings.maskEmails ? 'An account' : account.label]));
  return next.flatMap((quota) =>
    quota.forecasts.flatMap((forecast) => {
      if (forecast.state !== 'runs-out' || forecast.runsOutAt === null || forecast.runsOutAt - now > leadMs) return [];
      const window = quota.windows.find((candidate) => candidate.id === forecast.windowId);
      const reset = forecast.resetsAt === null ? '' : `, before it resets at ${formatTime(forecast.resetsAt)}`;
      return [
        {
          key: `quota-forecast:${quota.accountId}:${forecast.windowId}:${forecast.resetsAt ?? ''}`,
          title: `Quota running out: ${window?.label ?? forecast.windowId}`,
          body: `${labels.get(quota.accountId) ?? quota.accountId}: at this rate the limit is reached at ${formatTime(forecast.runsOutAt)}${reset}.`,
        },
      ];
    }),
  );
}

function localTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
