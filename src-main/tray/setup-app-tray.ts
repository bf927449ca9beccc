import type { LoginOffer } from '../../src-shared/control/account-types';
import { RequestsToday } from './requests-today';
import { runTrayAction, type TrayActionDeps } from './run-tray-action';
import { setupTray, type TrayHandle } from './setup-tray';
import { TrayQuotaLine, trayQuotaRefreshMs } from './tray-quota-line';
import type { TrayPopover } from '../windows/setup-tray-popover';

export interface AppTrayDeps extends TrayActionDeps {
  popover: TrayPopover | null;
  assetsDir: string;
  platform: NodeJS.Platform;
}

export interface AppTray {
  tray: TrayHandle;
  requestsToday: RequestsToday;
}

/** Module-level reference so the tray is not garbage-collected (it would vanish from the menu bar). */
const keepAlive: { tray: unknown } = { tray: null };

/** The tray over the engine: what it shows, what its items do, and the changes that update it. */
export function setupAppTray(deps: AppTrayDeps): AppTray {
  const { engine, control, settings } = deps;
  const requestsToday = new RequestsToday(control);
  let logins: LoginOffer[] = [];
  // Set before the first draw reads it; its onChange goes to the tray once that exists.
  let redraw = (): void => undefined;
  const quotaLine = new TrayQuotaLine({ control, maskEmails: () => settings.get().maskEmails, onChange: () => redraw() });
  const tray = setupTray({
    state: () => ({
      status: engine.status(),
      requestsToday: requestsToday.value(),
      launchAtLogin: settings.get().launchAtLogin,
      launchAtLoginSupported: true,
      tunnel: engine.tunnel.current(),
      update: deps.updates.state().status,
      logins,
      quotaLine: quotaLine.value(),
    }),
    run: (action) => runTrayAction(action, deps),
    openDashboard: () => deps.dashboard.open(),
    popover: deps.popover,
    assetsDir: deps.assetsDir,
    platform: deps.platform,
  });
  keepAlive.tray = tray.tray;
  redraw = () => tray.update();
  void quotaLine.refresh();
  setInterval(() => void quotaLine.refresh(), trayQuotaRefreshMs).unref();
  control.on('accounts.changed', () => void quotaLine.refresh());
  // The engine declares its logins; the list never changes while it runs, so one answer is enough.
  void control.invoke('logins.list', {}).then(
    (offered) => {
      logins = offered;
      tray.update();
    },
    deps.onError,
  );
  engine.onStatusChange(() => tray.update());
  engine.tunnel.onChange(() => tray.update());
  settings.onChange(() => tray.update());
  deps.updates.onChange(() => tray.update());
  // On the engine's request path: count and schedule, nothing more (the tray updates later, coalesced).
  control.on('request.finished', (summary) => {
    requestsToday.add(summary.at);
    quotaLine.requestFinished();
    tray.update();
  });
  return { tray, requestsToday };
}
