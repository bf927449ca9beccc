import { app, dialog } from 'electron';
import type { AppLog } from '../lifecycle/app-log';
import { setupAppSettings, type AppSettingsHandle } from './setup-app-settings';

/** The app settings from the app data folder; settings that could not be read are reset, and the user is told. */
export function loadAppSettings(log: AppLog): AppSettingsHandle {
  const settings = setupAppSettings(app.getPath('userData'));
  if (settings.recoveredFrom !== null) {
    log.write('warn', `The settings file could not be read; kept as ${settings.recoveredFrom}; using defaults`);
    void dialog.showMessageBox({ type: 'warning', message: 'Your app settings could not be read', detail: `They were reset to the defaults. The damaged file was kept as:\n${settings.recoveredFrom}` });
  }
  return settings;
}
