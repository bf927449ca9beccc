import { app, clipboard, shell } from 'electron';
import type { ControlApi } from '../../src-shared/control-contract';
import type { Engine } from '../../src-proxy/index';
import type { StopRequests } from '../lifecycle/stop-requests';
import { startLoginFromTray } from '../login/follow-logins';
import type { AppSettingsHandle } from '../settings/setup-app-settings';
import type { DashboardWindowHandle } from '../windows/setup-dashboard-window';
import type { TrayAction } from './tray-menu-item';
import type { UpdatesHandle } from '../updates/setup-updates';
import { runTunnelCommand } from './run-tunnel-command';

export interface TrayActionDeps {
  engine: Engine;
  /** The engine's control contract with the app's own operations (settings, user-requested stops). */
  control: ControlApi;
  settings: AppSettingsHandle;
  dashboard: DashboardWindowHandle;
  stops: StopRequests;
  updates: UpdatesHandle;
  onError(error: unknown): void;
}

/** What a tray menu item does. */
export function runTrayAction(action: TrayAction, deps: TrayActionDeps): void {
  const { engine, control, dashboard, onError } = deps;
  switch (action.kind) {
    case 'toggle-proxy':
      if (engine.status().state === 'running') deps.stops.note();
      (engine.status().state === 'running' ? engine.stop() : engine.start()).catch(onError);
      return;
    case 'copy-url': {
      const { baseUrl } = engine.status();
      if (baseUrl !== null) clipboard.writeText(baseUrl);
      return;
    }
    case 'copy-api-key':
      control.invoke('connection.revealApiKey', {}).then(({ apiKey }) => {
        if (apiKey !== null) clipboard.writeText(apiKey);
      }, onError);
      return;
    case 'login':
      startLoginFromTray(action.provider, { control, openExternal: (url) => shell.openExternal(url), showLogin: (followed) => dashboard.showLogin(followed) }).catch(onError);
      return;
    case 'tunnel':
      runTunnelCommand(action.command, { control, writeClipboard: (text) => clipboard.writeText(text), onError });
      return;
    case 'open-dashboard':
      dashboard.open();
      return;
    case 'toggle-launch-at-login':
      deps.settings.set({ launchAtLogin: !deps.settings.get().launchAtLogin });
      return;
    case 'updates':
      if (action.step === 'check') void deps.updates.check('user');
      else deps.updates.installNow();
      return;
    case 'quit':
      app.quit();
      return;
    default: {
      const unreachable: never = action;
      onError(new Error(`Unknown tray action ${JSON.stringify(unreachable)}`));
    }
  }
}
