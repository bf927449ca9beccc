import { app } from 'electron';
import type { Engine } from '../../src-proxy/index';
import type { AppSettingsHandle } from '../settings/setup-app-settings';
import type { AppTray } from '../tray/setup-app-tray';
import type { DashboardWindowHandle } from '../windows/setup-dashboard-window';
import { wasLaunchedAtLogin } from './launch-at-login';

export interface LaunchParts {
  engine: Engine;
  settings: AppSettingsHandle;
  tray: AppTray;
  dashboard: DashboardWindowHandle;
  platform: NodeJS.Platform;
}

/** Everything is set up: start the proxy if the user wants that, show today's requests, open the dashboard unless launched at login. */
export async function finishLaunch(parts: LaunchParts): Promise<void> {
  // Failures become status 'error', shown in the tray and the dashboard.
  if (parts.settings.get().startProxyOnLaunch) await parts.engine.start();
  await parts.tray.requestsToday.refresh();
  parts.tray.tray.update();
  if (!wasLaunchedAtLogin(parts.platform, process.argv, () => app.getLoginItemSettings())) parts.dashboard.open();
}
