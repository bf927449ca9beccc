import { app } from 'electron';
import type { AppSettingsHandle } from '../settings/setup-app-settings';
import type { DashboardWindowHandle } from '../windows/setup-dashboard-window';

/** A second launch or a Dock click opens the dashboard; closing the last window quits only if the user turned off close to tray. */
export function setupAppEvents(dashboard: DashboardWindowHandle, settings: AppSettingsHandle): void {
  app.on('second-instance', () => dashboard.open());
  app.on('activate', () => dashboard.open());
  // A tray app: closing the last window keeps the proxy running, unless the user turned that off.
  app.on('window-all-closed', () => {
    if (!settings.get().closeToTray) app.quit();
  });
}
