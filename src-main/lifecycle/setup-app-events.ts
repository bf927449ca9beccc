import { app } from 'electron';
import type { AppSettingsHandle } from '../settings/setup-app-settings';
import type { DashboardWindowHandle } from '../windows/setup-dashboard-window';

/** A second launch or a Dock click opens the dashboard; closing it quits only if the user turned off close to tray. */
export function setupAppEvents(dashboard: DashboardWindowHandle, settings: AppSettingsHandle): void {
  app.on('second-instance', () => dashboard.open());
  app.on('activate', () => dashboard.open());
  // A tray app: closing the dashboard keeps the proxy running, unless the user turned that off. Not on
  // window-all-closed: the tray popover, hidden rather than closed, is still a window. Listening to it still
  // matters: without a listener Electron quits when the last window closes.
  dashboard.onClosed(() => {
    if (!settings.get().closeToTray) app.quit();
  });
  app.on('window-all-closed', () => undefined);
}
