/**
 * A stand-in for `electron-updater` in the main-process suite: its real autoUpdater loads Electron (and
 * requests through Electron's `net`). This one reads the generic feed at the boot's `updateFeedUrl`
 * (test/fakes/fake-update-feed.ts) with the plain-Node reader of the unit tests, emits electron-updater's
 * `download-progress`, and records every call on the boot's recorder.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { createGenericFeedSource } from '../fakes/generic-feed-source';
import type { ElectronRecorder } from './electron-stand-in';

const recorder = (): ElectronRecorder => {
  const current = (globalThis as { __electronStandIn?: ElectronRecorder }).__electronStandIn;
  if (current === undefined) throw new Error('electron-updater stand-in: no recorder');
  return current;
};

class FakeAutoUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  logger: unknown = null;
  private readonly source = createGenericFeedSource({
    feedUrl: recorder().config.updateFeedUrl ?? 'http://127.0.0.1:9/',
    channelFile: 'latest-linux.yml',
    currentVersion: '0.0.0',
    downloadDir: tmpdir(),
    onInstallNow: (file) => recorder().record('autoUpdater.installed', file),
  });

  constructor() {
    super();
    recorder().record('autoUpdater.constructor');
  }
  async checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } }> {
    recorder().record('autoUpdater.checkForUpdates', { autoDownload: this.autoDownload, autoInstallOnAppQuit: this.autoInstallOnAppQuit });
    const found = await this.source.check();
    return { isUpdateAvailable: found !== null, updateInfo: { version: found?.version ?? '0.0.0' } };
  }
  async downloadUpdate(): Promise<string[]> {
    recorder().record('autoUpdater.downloadUpdate');
    await this.source.download((percent) => this.emit('download-progress', { percent }));
    return [];
  }
  /** Like electron-updater: installs, then quits the app (https://www.electron.build/electron-updater.class.appupdater). */
  quitAndInstall(): void {
    recorder().record('autoUpdater.quitAndInstall');
    this.source.installNow();
    void import('./electron-stand-in').then(({ app }) => app.quit());
  }
}

/** One updater per boot: vi.resetModules does not evaluate a mocked module again, so it is kept per recorder. */
const instances = new WeakMap<ElectronRecorder, FakeAutoUpdater>();
const electronUpdaterStandIn = {
  /** A getter like electron-updater's: the updater is constructed on first use only. */
  get autoUpdater(): FakeAutoUpdater {
    let instance = instances.get(recorder());
    if (instance === undefined) {
      instance = new FakeAutoUpdater();
      instances.set(recorder(), instance);
    }
    return instance;
  },
};

export default electronUpdaterStandIn;
