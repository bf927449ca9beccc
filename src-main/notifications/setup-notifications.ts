import { Notification } from 'electron';
import type { ControlApi } from '../../src-shared/control-contract';
import type { AccountSummary, LoginOffer } from '../../src-shared/control/account-types';
import type { AppSettings } from '../../src-shared/control/app-settings';
import type { ForecastedAccountQuota } from '../../src-shared/control/quota-forecast-types';
import type { EngineStatus } from '../../src-shared/engine-status';
import { holdNotification } from './hold-notification';
import { accountNotifications, loginFinishedNotification, proxyStoppedNotification, quotaForecastNotifications, quotaNotifications, type AppNotification } from './notification-rules';

export interface NotificationDeps {
  control: ControlApi;
  settings(): AppSettings;
  status(): EngineStatus;
  /** True when the user asked for the stop that just happened (tray, dashboard). */
  consumeStopRequest(): boolean;
  onClick(): void;
}

/** The same fact is not announced twice within this window. */
const repeatWindowMs = 10 * 60_000;
const quotaPollMs = 5 * 60_000;

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
    const native = new Notification({ title: notification.title, body: notification.body });
    native.on('click', deps.onClick);
    holdNotification(onScreen, native);
    native.show();
  };

  let logins: LoginOffer[] = [];
  void deps.control.invoke('logins.list', {}).then((offered) => (logins = offered), () => undefined);
  deps.control.on('login.finished', ({ provider, progress }) => {
    const login = logins.find((offer) => offer.provider === provider) ?? { provider, label: provider };
    show(loginFinishedNotification(login, progress, deps.settings()));
  });

  let accounts: AccountSummary[] = [];
  void deps.control.invoke('accounts.list', {}).then((list) => (accounts = list), () => undefined);
  deps.control.on('accounts.changed', (next) => {
    for (const notification of accountNotifications(accounts, next, deps.settings())) show(notification);
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
