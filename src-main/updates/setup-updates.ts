import electronUpdater, { type AppUpdater } from 'electron-updater';
import type { UpdateState } from '../../src-shared/control/update-types';
import type { AppLog } from '../lifecycle/app-log';
import type { AppSettingsHandle } from '../settings/setup-app-settings';
import { readInstallFacts } from './read-install-facts';
import { createUpdateController, type UpdateSource, type UpdateTrigger } from './update-controller';
import { updateSupport } from './update-support';

export interface UpdatesDeps {
  app: { isPackaged: boolean; getVersion(): string; getPath(name: 'exe'): string };
  platform: NodeJS.Platform;
  /** process.resourcesPath (undefined outside Electron). */
  resourcesPath: string | undefined;
  settings: AppSettingsHandle;
  log: AppLog;
}

export interface UpdatesHandle {
  state(): UpdateState;
  check(trigger: UpdateTrigger): Promise<UpdateState>;
  installNow(): void;
  onChange(listener: (state: UpdateState) => void): () => void;
}

/** The first automatic check waits for the engine and the window to be up. */
export const firstCheckDelayMs = 3000;
/** A tray app runs for days: check again this often. */
export const recheckIntervalMs = 6 * 3600 * 1000;

/**
 * Thin glue: electron-updater's autoUpdater behind the plain UpdateSource that update-controller.ts drives.
 * The feed is the `publish` entry of electron-builder.yml, which electron-builder writes into the package
 * as resources/app-update.yml (https://www.electron.build/docs/features/auto-update). autoUpdater is
 * reached only where updates can work: reading it constructs the platform updater, which loads Electron
 * and, unpackaged, finds no app-update.yml.
 */
export function setupUpdates(deps: UpdatesDeps): UpdatesHandle {
  const support = updateSupport(readInstallFacts({ platform: deps.platform, isPackaged: deps.app.isPackaged, env: process.env, resourcesPath: deps.resourcesPath, exePath: deps.app.getPath('exe') }));
  const automatic = () => deps.settings.get().autoUpdate;
  const source: UpdateSource = support.supported ? electronUpdaterSource(electronUpdater.autoUpdater, deps.log) : unreachableSource;
  const controller = createUpdateController({ support, source, currentVersion: deps.app.getVersion(), automatic });
  if (!support.supported) deps.log.write('info', `Updates: ${support.reason}`);
  controller.onChange(({ status }) => {
    if (status.state === 'error') deps.log.write('warn', status.message);
    if (status.state === 'ready') deps.log.write('info', `Update ${status.version} downloaded; it installs when the app quits`);
  });
  let lastAutomatic = automatic();
  deps.settings.onChange((settings) => {
    if (settings.autoUpdate === lastAutomatic) return;
    lastAutomatic = settings.autoUpdate;
    controller.settingChanged();
  });
  if (support.supported) {
    setTimeout(() => void controller.check('automatic'), firstCheckDelayMs).unref();
    setInterval(() => void controller.check('automatic'), recheckIntervalMs).unref();
  }
  return { state: controller.state, check: controller.check, installNow: controller.installNow, onChange: controller.onChange };
}

/**
 * autoDownload off: the controller downloads after its own check, so the setting and the state stay in
 * one place. autoInstallOnAppQuit on: a downloaded update installs when the app quits, and the app starts
 * on the new version next time (AppUpdater's options, https://www.electron.build/electron-updater.class.appupdater).
 */
function electronUpdaterSource(updater: AppUpdater, log: AppLog): UpdateSource {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.logger = { info: (message: unknown) => log.write('info', `updater: ${String(message)}`), warn: (message: unknown) => log.write('warn', `updater: ${String(message)}`), error: (message: unknown) => log.write('warn', `updater: ${String(message)}`) };
  // autoUpdater also emits 'error' for a failure its promise already reports: an EventEmitter 'error'
  // without a listener would throw from main. The controller shows the failure from the rejection.
  updater.on('error', () => undefined);
  return {
    async check() {
      const result = await updater.checkForUpdates();
      return result !== null && result.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download(onProgress) {
      const progress = (info: { percent: number }) => onProgress(info.percent);
      updater.on('download-progress', progress);
      try {
        await updater.downloadUpdate();
      } finally {
        updater.off('download-progress', progress);
      }
    },
    installNow: () => updater.quitAndInstall(),
  };
}

/** The controller never calls a source while updates are unsupported (update-controller.ts). */
const unreachableSource: UpdateSource = {
  check: () => Promise.reject(new Error('Updates are not available in this install.')),
  download: () => Promise.reject(new Error('Updates are not available in this install.')),
  installNow: () => undefined,
};
