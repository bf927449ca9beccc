import { join } from 'node:path';
import { app } from 'electron';
import type { AppSettingsHandle } from '../settings/setup-app-settings';
import { applyLaunchAtLogin } from './launch-at-login';

/** Launch at login follows the app setting, now and on every change. */
export function setupLaunchAtLogin(settings: AppSettingsHandle, platform: NodeJS.Platform, onError: (error: unknown) => void): void {
  const target = {
    platform,
    app,
    configHome: process.env.XDG_CONFIG_HOME ?? join(app.getPath('home'), '.config'),
    command: app.isPackaged ? [process.env.APPIMAGE ?? process.execPath] : [process.execPath, app.getAppPath()],
  };
  const sync = (): void => {
    applyLaunchAtLogin(target, settings.get().launchAtLogin).catch(onError);
  };
  sync();
  settings.onChange(sync);
}
