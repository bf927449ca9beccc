import { Notification } from 'electron';
import type { ControlApi } from '../../src-shared/control-contract';
import type { AccountSummary, LoginOffer } from '../../src-shared/control/account-types';
import type { AppSettings } from '../../src-shared/control/app-settings';
import type { ForecastedAccountQuota } from '../../src-shared/control/quota-forecast-types';
import type { EngineStatus } from '../../src-shared/engine-status';
import { holdNotification } from './hold-notification';
import { accountNotifications, loginFinishedNotification, loginWarningNotifications, proxyStoppedNotification, quotaForecastNotifications, quotaNotifications, type AppNotification } from './notification-rules';

export interface NotificationDeps {
  control: ControlApi;
  settings(): AppSettings;
  status(): EngineStatus;
  /** True when the user asked for the stop that just happened (tray, dashboard). */
  consumeStopRequest(): boolean;
  onClick(): void;
  /** Starts a login again (a login warning's click or Log in again button). */
  onRelogin(provider: string): void;
}

/** The same fact is not announced twice within this window. */
const repeatWindowMs = 10 * 60_000;
const quotaPollMs = 5 * 60_000;
/** A login's end within 3 days is a matter of time, not of an event: the account list is re-read this often. */
const accountPollMs = 5 * 60_000;

/** Thin glue: engine events -> notification-rules.ts decisions -> Electron notifications. */
export function setupNotifications(deps: NotificationDeps): void {
  if (!Notification.isSupported()) return;
  const shown = new Map<string, number>();
  // Shown notifications stay referenced until dismissed, or their click handler is garbage-collected.
  const onScreen = new Set<Notification>();
  const show = (notification: AppNotification | null): void => {
    if (notification === null) return;
    const last = shown.get(notification.key);
    if (last !== undefined && Date.now() - last < repeatWindowMs) return;
    shown.set(notification.key, Date.now());
    const { relogin } = notification;
    // The button shows where the OS offers notification actions (macOS); a click works everywhere.
    const native = new Notification({ title: notification.title, body: notification.body, ...(relogin === undefined ? {} : { actions: [{ type: 'button' as const, text: 'Log in again' }] }) });
    if (relogin === undefined) native.on('click', deps.onClick);
    else {
      native.on('click', () => deps.onRelogin(relogin));
      native.on('action', () => deps.onRelogin(relogin));
    }
    holdNotification(onScreen, native);
    native.show();
  };

  let logins: LoginOffer[] = [];
  void deps.control.invoke('logins.list', {}).then((offered) => (logins = offered), () => undefined);
  deps.control.on('login.finished', ({ provider, progress }) => {
    const login = logins.find((offer) => offer.provider === provider) ?? { provider, label: provider };
    show(loginFinishedNotification(login, progress, deps.settings()));
  });

  // Login warnings are keyed by account and cause: each is shown once, not again every repeat window.
  const loginWarned = new Set<string>();
  const warnLogins = (list: readonly AccountSummary[]): void => {
    for (const notification of loginWarningNotifications(list, deps.settings())) {
      if (loginWarned.has(notification.key)) continue;
      loginWarned.add(notification.key);
      show(notification);
    }
  };
  let accounts: AccountSummary[] = [];
  void deps.control.invoke('accounts.list', {}).then((list) => {
    accounts = list;
    warnLogins(list);
  }, () => undefined);
  // Only the warnings: status transitions come with accounts.changed.
  setInterval(() => void deps.control.invoke('accounts.list', {}).then(warnLogins, () => undefined), accountPollMs).unref();
  deps.control.on('accounts.changed', (next) => {
    for (const notification of accountNotifications(accounts, next, deps.settings())) show(notification);
    warnLogins(next);
    accounts = next;
  });

  let status = deps.status();
  deps.control.on('status.changed', (next) => {
    show(proxyStoppedNotification(status, next, next.state === 'stopped' && deps.consumeStopRequest(), deps.settings()));
    status = next;
  });

  // Forecast warnings are keyed by window and reset: each is shown once, not again every repeat window.
  const forecastWarned = new Set<string>();
  let quota: ForecastedAccountQuota[] = [];
  const pollQuota = (): void => {
    if (!deps.settings().notifyQuota) return;
    deps.control.invoke('quota.get', {}).then(
      (next) => {
        for (const notification of quotaNotifications(quota, next, accounts, deps.settings())) show(notification);
        for (const notification of quotaForecastNotifications(next, accounts, deps.settings(), Date.now())) {
          if (forecastWarned.has(notification.key)) continue;
          forecastWarned.add(notification.key);
          show(notification);
        }
        quota = next;
      },
      () => undefined,
    );
  };
  setInterval(pollQuota, quotaPollMs).unref();
}
