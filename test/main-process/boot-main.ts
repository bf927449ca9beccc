import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import type { EngineOptions } from '../../src-proxy/engine-types';
import { ElectronRecorder, type FakeTray, type Rect } from './electron-stand-in';

export const clientKey = 'sk-main-process-suite-key-0123';

export interface BootOptions {
  platform?: NodeJS.Platform;
  /** Extra process.argv entries for this launch ('--hidden'). */
  argv?: string[];
  wasOpenedAtLogin?: boolean;
  /** Engine options the test adds (OAuth endpoints of fakes). Port 0 and a loopback login callback always. */
  engine?: Partial<EngineOptions>;
  /** Runs after the folders exist, before main boots (write a corrupt file...). */
  prepare?(folders: BootFolders): Promise<void>;
  /** app.isPackaged, $APPIMAGE while main boots, and the feed the electron-updater stand-in reads. */
  packaged?: { appImage?: string; updateFeedUrl?: string };
  /** The displays' workAreas (electron-stand-in.ts has one by default). */
  workAreas?: Rect[];
  /** Wait for the tray (false when the boot is expected to fail). */
  expectTray?: boolean;
}

export interface BootFolders {
  root: string;
  home: string;
  userData: string;
  logs: string;
  configPath: string;
  /** $XDG_CONFIG_HOME while main boots (Linux autostart goes to its autostart/). */
  configHome: string;
}

export interface BootedMain {
  recorder: ElectronRecorder;
  folders: BootFolders;
  tray(): FakeTray;
  /** http://127.0.0.1:<port> of the running engine, read from the tray's status line. */
  origin(): string;
  /** Tray ▸ Quit, then wait until the app really quit (after the engine drained). */
  quit(): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * Boots the real src-main/main.ts against the electron stand-in (vi.mock in the test file) and the real
 * engine on a temporary home folder. The caller must `vi.resetModules()` before each boot.
 */
export async function bootMain(options: BootOptions = {}): Promise<BootedMain> {
  const root = await mkdtemp(join(tmpdir(), 'cliproxy-main-'));
  const home = join(root, 'home');
  const folders: BootFolders = { root, home, userData: join(root, 'user-data'), logs: join(root, 'logs'), configPath: join(home, '.cli-proxy-api', 'config.yaml'), configHome: join(root, 'xdg-config') };
  await mkdir(join(home, '.cli-proxy-api'), { recursive: true });
  await mkdir(folders.userData, { recursive: true });
  await writeFile(folders.configPath, stringify({ host: '127.0.0.1', port: 8317, 'api-keys': [clientKey], 'auth-dir': join(home, '.cli-proxy-api', 'auths') }), { mode: 0o600 });
  await options.prepare?.(folders);

  const recorder = new ElectronRecorder({ platform: options.platform ?? process.platform, paths: { home, userData: folders.userData, logs: folders.logs }, loginItem: { wasOpenedAtLogin: options.wasOpenedAtLogin ?? false }, packaged: options.packaged !== undefined, ...(options.workAreas === undefined ? {} : { workAreas: options.workAreas }), ...(options.packaged?.updateFeedUrl === undefined ? {} : { updateFeedUrl: options.packaged.updateFeedUrl }) });
  (globalThis as { __electronStandIn?: ElectronRecorder }).__electronStandIn = recorder;
  (globalThis as { __engineTestOptions?: Partial<EngineOptions> }).__engineTestOptions = { overrides: { port: 0 }, loginCallbackPort: 0, homeDir: home, ...options.engine };

  const realPlatform = process.platform;
  const realArgv = process.argv;
  const realConfigHome = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = folders.configHome;
  if (options.packaged?.appImage !== undefined) process.env.APPIMAGE = options.packaged.appImage;
  Object.defineProperty(process, 'platform', { value: options.platform ?? realPlatform, configurable: true });
  process.argv = [...realArgv, ...(options.argv ?? [])];
  try {
    await import('../../src-main/main');
    if (options.expectTray ?? true) {
      await expect.poll(() => recorder.trays[0]?.toolTip ?? '', { timeout: 15_000 }).toMatch(/Running on/);
    } else {
      await expect.poll(() => recorder.exitCode, { timeout: 15_000 }).not.toBeNull();
    }
  } finally {
    Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
    process.argv = realArgv;
    if (options.packaged?.appImage !== undefined) delete process.env.APPIMAGE;
    if (realConfigHome === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = realConfigHome;
  }

  const tray = (): FakeTray => {
    const found = recorder.trays[0];
    if (found === undefined) throw new Error('main created no tray');
    return found;
  };
  return {
    recorder,
    folders,
    tray,
    origin() {
      const match = /Running on ([\d.]+):(\d+)/.exec(tray().toolTip);
      if (match === null) throw new Error(`tray is not running: ${tray().toolTip}`);
      return `http://${match[1]}:${match[2]}`;
    },
    async quit() {
      tray().click('Quit');
      await expect.poll(() => recorder.quitted, { timeout: 15_000 }).toBe(true);
    },
    async cleanup() {
      if (!recorder.quitted && recorder.exitCode === null) {
        recorder.trays[0]?.click('Quit');
        await expect.poll(() => recorder.quitted, { timeout: 15_000 }).toBe(true);
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}
