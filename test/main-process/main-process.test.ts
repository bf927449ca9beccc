import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineOptions } from '../../src-proxy/engine-types';
import { followedLoginFromHash } from '../../src-shared/login-follow';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeUpdateFeed, type FakeUpdateFeed } from '../fakes/fake-update-feed';
import { bootMain, clientKey, type BootedMain } from './boot-main';

/**
 * The real src-main/main.ts booted against a recording stand-in of `electron` and the real engine on a
 * temporary home: what a user does, from launch to quit, on each platform's rules (ARCHITECTURE.md 8).
 */
// Each test boots the whole app and engine: on a loaded 2-core machine a boot alone can take 15 s.
vi.setConfig({ testTimeout: 60_000 });
vi.mock('electron', () => import('./electron-stand-in'));
vi.mock('electron-updater', () => import('./electron-updater-stand-in'));
// The real engine; only what a test needs on top of main's options (free ports, fake OAuth endpoints).
vi.mock('../../src-proxy/index', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-proxy/index')>();
  return {
    ...real,
    createEngine: (options: EngineOptions) => real.createEngine({ ...options, ...(globalThis as { __engineTestOptions?: Partial<EngineOptions> }).__engineTestOptions }),
  };
});

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let booted: BootedMain | null = null;
beforeEach(() => {
  vi.resetModules();
});
afterEach(async () => {
  await booted?.cleanup();
  booted = null;
});

/** A Claude account file in auth-dir, as a finished login leaves it (the engine's watcher loads it). */
async function addClaudeAccount(target: BootedMain, oauth: FakeOAuthServer, email: string): Promise<void> {
  const folder = join(target.folders.home, '.cli-proxy-api', 'auths');
  await mkdir(folder, { recursive: true });
  const file = { type: 'claude', access_token: `sk-ant-oat01-${email}`, refresh_token: oauth.issueRefreshToken({ email }), expired: new Date(Date.now() + 86_400_000).toISOString(), email, disabled: false };
  await writeFile(join(folder, `claude-${email}.json`), JSON.stringify(file), { mode: 0o600 });
}

const ask = (origin: string, stream = false) =>
  fetch(`${origin}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': clientKey, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, stream, messages: [{ role: 'user', content: 'Hello' }] }),
  });

describe('main process, a day with the app (Linux)', () => {
  let oauth: FakeOAuthServer;
  let upstream: FakeAnthropicUpstream;
  beforeAll(async () => {
    oauth = await startFakeOAuthServer();
    oauth.setExpiresIn(24 * 3600);
    upstream = await startFakeAnthropicUpstream({ name: 'claude-main' });
  });
  afterAll(async () => {
    await upstream.close();
    await oauth.close();
  });
  // The real claude.ai authorize URL (allowlisted for the browser); tokens, profile and the API at fakes.
  const engine = (): Partial<EngineOptions> => ({ oauthEndpoints: { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, apiBase: upstream.baseUrl } } });

  it('launch: the tray shows Running with accounts and requests, the dashboard opens, no default menu, the log is in the log folder', async () => {
    booted = await bootMain({ platform: 'linux', engine: engine() });
    const { recorder, tray } = booted;
    expect(tray().toolTip).toMatch(/^CLI Proxy Desktop: Running on 127\.0\.0\.1:\d+ · 0 accounts · 0 requests today$/);
    expect(tray().item(tray().menu?.items[0]?.label ?? '').enabled).toBe(false);
    expect(recorder.windows).toHaveLength(1);
    expect(recorder.windows[0]?.options.icon).toMatch(/assets[/\\]icon\.png$/);
    expect(recorder.callsOf('Menu.setApplicationMenu')).toEqual([[null]]);
    expect(recorder.callsOf('app.setAppUserModelId')).toEqual([]);
    expect(readFileSync(join(booted.folders.logs, 'main.log'), 'utf8')).toMatch(/"name":"desktop".*Started/);
  });

  it('tray login with Claude: allowlisted page in the browser, fake OAuth callback, account in the tray, notification kept and clickable, Accounts page forward', async () => {
    booted = await bootMain({ platform: 'linux', engine: engine() });
    const { recorder, tray } = booted;
    const window = recorder.windows[0];
    if (window === undefined) throw new Error('no dashboard window');

    tray().click('Login with', 'Claude…');
    await expect.poll(() => recorder.callsOf('shell.openExternal').length).toBe(1);
    const authorizeUrl = String(recorder.callsOf('shell.openExternal')[0]?.[0]);
    expect(new URL(authorizeUrl).origin).toBe('https://claude.ai');
    // The open dashboard heard the login (it moves to Accounts carrying it) and was brought forward.
    expect(window.webContents.sent.map((each) => each.channel)).toContain('login.started');
    expect(window.focused).toBeGreaterThan(0);

    const callback = oauth.approve(authorizeUrl, { email: 'tray@example.com' }).replace('localhost', '127.0.0.1');
    expect((await fetch(callback, { redirect: 'manual' })).status).toBeLessThan(400);
    await expect.poll(() => tray().toolTip, { timeout: 5000 }).toMatch(/· 1 account ·/);
    await expect.poll(() => recorder.notifications.map((each) => each.title)).toContain('Claude account added');

    // Notification click did nothing: main must keep the notification (and its click handler) alive.
    await settle();
    collectGarbage();
    const notification = recorder.notifications.find((each) => each.title === 'Claude account added')?.ref.deref();
    expect(notification).toBeDefined();
    window.close();
    notification?.emit('click');
    expect(recorder.windows).toHaveLength(2);
  });

  it('tray login while no window exists: the Accounts page opens following that login', async () => {
    booted = await bootMain({ platform: 'linux', argv: ['--hidden'], engine: engine() });
    const { recorder, tray } = booted;
    expect(recorder.windows).toHaveLength(0);
    tray().click('Login with', 'Claude…');
    await expect.poll(() => recorder.windows.length).toBe(1);
    const loaded = recorder.windows[0]?.loads[0] ?? '';
    const followed = followedLoginFromHash(new URL(loaded).hash);
    expect(followed).toMatchObject({ kind: 'started', start: { provider: 'claude', url: expect.stringMatching(/^https:\/\/claude\.ai\/oauth\/authorize\?/) } });

    // The Accounts page's link to that login's page opens in the browser; another page on the same host does not.
    const page = recorder.windows[0]?.webContents;
    const startedUrl = followed?.kind === 'started' ? followed.start.url : '';
    await expect.poll(() => recorder.callsOf('shell.openExternal').length).toBe(1);
    expect(page?.openWindow(startedUrl)).toBe('deny');
    expect(page?.openWindow('https://claude.ai/oauth/authorize?client_id=someone-else')).toBe('deny');
    await settle();
    expect(recorder.callsOf('shell.openExternal').map((call) => call[0])).toEqual([startedUrl, startedUrl]);
  });

  it('500 proxied requests: a bounded number of tray updates, the icon never re-read, the count right at the end', async () => {
    booted = await bootMain({ platform: 'linux', engine: engine() });
    const { recorder, tray } = booted;
    await addClaudeAccount(booted, oauth, 'load@example.com');
    await expect.poll(() => tray().toolTip, { timeout: 10_000 }).toMatch(/· 1 account ·/);
    const origin = booted.origin();
    const before = { menus: recorder.callsOf('Tray.setContextMenu').length, images: recorder.callsOf('nativeImage.createFromPath').length, setImage: recorder.callsOf('Tray.setImage').length };
    const started = Date.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < 500) {
        next += 1;
        const response = await ask(origin);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    const elapsed = Date.now() - started;
    await expect.poll(() => tray().toolTip, { timeout: 5000 }).toMatch(/· 500 requests today$/);
    const menus = recorder.callsOf('Tray.setContextMenu').length - before.menus;
    // Linux: at most one update per 2 s (tray-updater.ts), plus the final one.
    expect(menus).toBeLessThanOrEqual(Math.ceil(elapsed / 2000) + 2);
    expect(recorder.callsOf('nativeImage.createFromPath').length).toBe(before.images);
    expect(recorder.callsOf('Tray.setImage').length).toBe(before.setImage);
  }, 60_000);

  it('Stop and Start from the tray; a stop the user asked for is not announced as unexpected', async () => {
    booted = await bootMain({ platform: 'linux', engine: engine() });
    const { recorder, tray } = booted;
    const imagesBefore = recorder.callsOf('Tray.setImage').length;
    tray().click('Stop proxy');
    await expect.poll(() => tray().toolTip, { timeout: 5000 }).toBe('CLI Proxy Desktop: Stopped');
    expect(recorder.callsOf('Tray.setImage').slice(imagesBefore).map((args) => String(args[0]))).toEqual([expect.stringMatching(/tray-stopped\.png$/)]);
    tray().click('Start proxy');
    await expect.poll(() => tray().toolTip, { timeout: 5000 }).toMatch(/Running on/);
    expect(recorder.notifications.map((each) => each.title)).not.toContain('The proxy stopped');
  });

  it('quit drains an in-flight stream before the app exits', async () => {
    booted = await bootMain({ platform: 'linux', engine: engine() });
    const { recorder } = booted;
    await addClaudeAccount(booted, oauth, 'stream@example.com');
    await expect.poll(() => booted?.tray().toolTip, { timeout: 10_000 }).toMatch(/· 1 account ·/);
    upstream.enqueue({ kind: 'slow-stream', chunks: 8, chunkDelayMs: 100 });
    const response = await ask(booted.origin(), true);
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no stream');
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    booted.tray().click('Quit');
    expect(recorder.quitted).toBe(false);
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(text).toContain('message_stop');
    await expect.poll(() => recorder.quitted, { timeout: 15_000 }).toBe(true);
  });

  it('Windows session end (shutdown, log-off) quits through the drain: an in-flight stream finishes first', async () => {
    booted = await bootMain({ platform: 'win32', engine: engine() });
    const { recorder } = booted;
    expect(recorder.baseWindows).toHaveLength(1);
    expect(recorder.baseWindows[0]?.options).toMatchObject({ show: false });
    await addClaudeAccount(booted, oauth, 'session-end@example.com');
    await expect.poll(() => booted?.tray().toolTip, { timeout: 10_000 }).toMatch(/· 1 account ·/);
    upstream.enqueue({ kind: 'slow-stream', chunks: 8, chunkDelayMs: 100 });
    const response = await ask(booted.origin(), true);
    const text = response.text();
    recorder.baseWindows[0]?.emit('session-end');
    expect(recorder.quitted).toBe(false);
    expect(await text).toContain('message_stop');
    await expect.poll(() => recorder.quitted, { timeout: 15_000 }).toBe(true);
  });
});

describe('main process, platform rules', () => {
  it('macOS launched at login: no window (wasOpenedAtLogin), a menu-bar app without Dock icon until the dashboard opens, a proper app menu', async () => {
    booted = await bootMain({ platform: 'darwin', wasOpenedAtLogin: true });
    const { recorder, tray } = booted;
    expect(recorder.windows).toHaveLength(0);
    expect(recorder.callsOf('app.dock.hide')).toHaveLength(1);
    expect(recorder.callsOf('app.dock.show')).toHaveLength(0);
    const menu = recorder.callsOf('Menu.setApplicationMenu')[0]?.[0] as Array<{ role: string }>;
    expect(menu.map((item) => item.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    expect(recorder.callsOf('app.setLoginItemSettings')).toEqual([[{ openAtLogin: false }]]);
    expect(recorder.callsOf('Tray.constructor')[0]?.[0]).toMatch(/Template\.png$/);

    tray().click('Open dashboard');
    expect(recorder.windows).toHaveLength(1);
    expect(recorder.callsOf('app.dock.show')).toHaveLength(1);
    recorder.windows[0]?.close();
    expect(recorder.callsOf('app.dock.hide')).toHaveLength(2);
  });

  it('Windows: the AppUserModelID is the installer appId; launch at login passes --hidden and opens no window', async () => {
    booted = await bootMain({ platform: 'win32', argv: ['--hidden'] });
    const { recorder, tray } = booted;
    expect(recorder.callsOf('app.setAppUserModelId')).toEqual([['dev.cliproxy.desktop']]);
    expect(recorder.calls.findIndex((call) => call.api === 'app.setAppUserModelId')).toBeLessThan(recorder.calls.findIndex((call) => call.api === 'Tray.constructor'));
    expect(recorder.windows).toHaveLength(0);
    expect(recorder.callsOf('Menu.setApplicationMenu')).toEqual([[null]]);
    tray().click('Launch at login');
    expect(recorder.callsOf('app.setLoginItemSettings').at(-1)).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
  });

  const popoverOf = (target: BootedMain) => target.recorder.windows.find((window) => window.options.frame === false);

  it('Windows tray popover: left-click shows it above the icon with the popover page, blur hides it, a click toggles it, right-click pops the menu', async () => {
    booted = await bootMain({ platform: 'win32', argv: ['--hidden'] });
    const { recorder, tray } = booted;
    expect(recorder.callsOf('Tray.setContextMenu')).toEqual([]);
    // Taskbar at the bottom of a 1920x1080 display: the icon below the workArea.
    tray().leftClick({ x: 1700, y: 1048, width: 24, height: 32 });
    const popover = popoverOf(booted);
    if (popover === undefined) throw new Error('no popover window');
    expect(popover.options).toMatchObject({ width: 360, height: 480, frame: false, skipTaskbar: true, alwaysOnTop: true, show: false });
    expect(popover.options.webPreferences).toMatchObject({ preload: expect.stringMatching(/preload\.cjs$/), sandbox: true, contextIsolation: true });
    expect(popover.loads).toEqual([expect.stringMatching(/index\.html#\/popover$/)]);
    expect(popover.position).toEqual([1532, 560]);
    expect(popover.isVisible()).toBe(true);
    // The popover asks the engine like the dashboard does (same sender trust).
    const status = await recorder.ipcHandlers.get('status.get')?.({ senderFrame: { url: popover.webContents.getURL() } }, {});
    expect(status).toMatchObject({ ok: true });

    popover.emit('blur');
    expect(popover.isVisible()).toBe(false);
    // Windows sends blur before the click on the icon: that click closes, it does not reopen.
    tray().leftClick({ x: 1700, y: 1048, width: 24, height: 32 });
    expect(popover.isVisible()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    tray().leftClick({ x: 1700, y: 1048, width: 24, height: 32 });
    expect(popover.isVisible()).toBe(true);
    tray().leftClick({ x: 1700, y: 1048, width: 24, height: 32 });
    expect(popover.isVisible()).toBe(false);
    expect(recorder.windows).toHaveLength(1);

    tray().emit('right-click');
    expect(recorder.callsOf('Tray.popUpContextMenu')).toHaveLength(1);
    expect(tray().popped?.items.map((item) => item.label)).toContain('Open dashboard');
  });

  it('macOS tray popover: below the icon on the display the icon is on; Open dashboard opens and then focuses the dashboard, never a new window', async () => {
    const workAreas = [{ x: 0, y: 25, width: 1440, height: 875 }, { x: 1440, y: 25, width: 2560, height: 1415 }];
    booted = await bootMain({ platform: 'darwin', wasOpenedAtLogin: true, workAreas });
    const { recorder, tray } = booted;
    expect(recorder.callsOf('Tray.setContextMenu')).toEqual([]);
    tray().leftClick({ x: 3900, y: 1, width: 22, height: 22 });
    const popover = popoverOf(booted);
    if (popover === undefined) throw new Error('no popover window');
    // The icon at the right edge of the second display: below it, inside that display's workArea.
    expect(popover.position).toEqual([3640, 25]);

    const dashboardUrl = popover.webContents.getURL().replace('#/popover', '#/dashboard');
    expect(popover.webContents.openWindow(dashboardUrl)).toBe('deny');
    const dashboard = recorder.windows.find((window) => window !== popover);
    if (dashboard === undefined) throw new Error('Open dashboard opened no dashboard');
    expect(popover.webContents.openWindow(dashboardUrl)).toBe('deny');
    expect(recorder.windows).toHaveLength(2);
    expect(dashboard.focused).toBe(1);
    // Not our page: nothing opens.
    expect(popover.webContents.openWindow('https://example.com/')).toBe('deny');
    expect(recorder.callsOf('shell.openExternal')).toEqual([]);
  });

  it('close to tray off: closing the dashboard quits, also while the hidden popover still exists (Windows)', async () => {
    booted = await bootMain({ platform: 'win32' });
    const { recorder, tray } = booted;
    const dashboard = recorder.windows[0];
    if (dashboard === undefined) throw new Error('no dashboard window');
    const changed = await recorder.ipcHandlers.get('settings.set')?.({ senderFrame: { url: dashboard.webContents.getURL() } }, { closeToTray: false });
    expect(changed).toMatchObject({ ok: true });
    tray().leftClick({ x: 1700, y: 1048, width: 24, height: 32 });
    popoverOf(booted)?.emit('blur');
    dashboard.close();
    await expect.poll(() => recorder.quitted, { timeout: 15_000 }).toBe(true);
  });

  it('Linux keeps the attached menu: no popover, no popUpContextMenu, a left click opens the dashboard', async () => {
    booted = await bootMain({ platform: 'linux', argv: ['--hidden'] });
    const { recorder, tray } = booted;
    expect(recorder.callsOf('Tray.setContextMenu').length).toBeGreaterThan(0);
    tray().leftClick({ x: 0, y: 0, width: 0, height: 0 });
    expect(recorder.windows).toHaveLength(1);
    expect(popoverOf(booted)).toBeUndefined();
    expect(recorder.callsOf('Tray.popUpContextMenu')).toEqual([]);
  });

  it('Linux launch at login: an XDG autostart entry with --hidden, removed when turned off', async () => {
    booted = await bootMain({ platform: 'linux' });
    const { tray } = booted;
    const file = join(booted.folders.configHome, 'autostart', 'cli-proxy-desktop.desktop');
    expect(existsSync(file)).toBe(false);
    tray().click('Launch at login');
    await expect.poll(() => existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^Exec=".*" ".*" --hidden$/m);
    tray().click('Launch at login');
    await expect.poll(() => existsSync(file)).toBe(false);
  });
});

describe('main process, start-up failures', () => {
  it('corrupt settings file: the app starts with defaults, keeps a copy and says so', async () => {
    booted = await bootMain({ platform: 'linux', prepare: (folders) => writeFile(join(folders.userData, 'app-settings.json'), '{"settings": {"launchAtLogin": tr') });
    const { recorder } = booted;
    const kept = readdirSync(booted.folders.userData).filter((name) => name.startsWith('app-settings.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(booted.folders.userData, kept[0] ?? ''), 'utf8')).toContain('"launchAtLogin": tr');
    expect(recorder.callsOf('dialog.showMessageBox')).toHaveLength(1);
    expect(recorder.exitCode).toBeNull();
  });

  it('engine cannot start (invalid config.yaml): a dialog with the cause and the log file, exit 1, the cause in the log', async () => {
    booted = await bootMain({ platform: 'linux', expectTray: false, prepare: (folders) => writeFile(folders.configPath, 'port: "not a port"\nhost: [1, 2\n') });
    const { recorder } = booted;
    expect(recorder.exitCode).toBe(1);
    const [title, content] = (recorder.callsOf('dialog.showErrorBox')[0] ?? []) as [string, string];
    expect(title).toBe('CLI Proxy Desktop cannot start');
    expect(content).toContain(booted.folders.configPath);
    expect(content).toContain(join(booted.folders.logs, 'main.log'));
    expect(readFileSync(join(booted.folders.logs, 'main.log'), 'utf8')).toContain('cannot start');
    expect(recorder.trays).toHaveLength(0);
  });
});

describe('main process, updates', () => {
  let feed: FakeUpdateFeed;
  beforeAll(async () => {
    feed = await startFakeUpdateFeed();
    feed.publish({ version: '0.2.0', fileName: 'CLI-Proxy-Desktop-0.2.0.AppImage', bytes: Buffer.alloc(64 * 1024, 3) });
  });
  afterAll(async () => {
    await feed.close();
  });
  beforeEach(() => {
    feed.requests.length = 0;
  });
  const updateItem = (target: BootedMain) => (target.tray().menu?.items ?? []).at(-2);

  it('development build: the tray says updates are not available here, and electron-updater is never started', async () => {
    booted = await bootMain({ platform: 'linux' });
    expect(updateItem(booted)).toMatchObject({ label: 'Updates: not available in this install', enabled: false });
    expect(booted.recorder.callsOf('autoUpdater.constructor')).toEqual([]);
    expect(readFileSync(join(booted.folders.logs, 'main.log'), 'utf8')).toContain('Updates: Updates are off in a development build');
  });

  it('packaged AppImage: checks the feed after launch, downloads in the background, the tray offers Restart, which installs and quits', async () => {
    booted = await bootMain({ platform: 'linux', packaged: { appImage: '/home/me/CLI-Proxy-Desktop-0.1.0.AppImage', updateFeedUrl: feed.url } });
    const { recorder, tray } = booted;
    expect(tray().item('Check for updates…').enabled).toBe(true);
    await expect.poll(() => updateItem(booted as BootedMain)?.label, { timeout: 10_000 }).toBe('Restart to update to 0.2.0');
    expect(recorder.callsOf('autoUpdater.checkForUpdates')).toEqual([[{ autoDownload: false, autoInstallOnAppQuit: true }]]);
    expect(recorder.callsOf('autoUpdater.downloadUpdate')).toHaveLength(1);
    expect(feed.requests).toEqual(['/latest-linux.yml', '/CLI-Proxy-Desktop-0.2.0.AppImage']);
    tray().click('Restart to update to 0.2.0');
    expect(recorder.callsOf('autoUpdater.quitAndInstall')).toHaveLength(1);
    await expect.poll(() => recorder.quitted, { timeout: 15_000 }).toBe(true);
  });

  it('automatic updates off: nothing is checked at launch; Check for updates… in the tray still checks', async () => {
    booted = await bootMain({
      platform: 'linux',
      packaged: { appImage: '/home/me/CLI-Proxy-Desktop-0.1.0.AppImage', updateFeedUrl: feed.url },
      prepare: (folders) => writeFile(join(folders.userData, 'app-settings.json'), JSON.stringify({ settings: { autoUpdate: false } })),
    });
    const { recorder, tray } = booted;
    // Past the first automatic check's delay (setup-updates.ts, 3 s).
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(recorder.callsOf('autoUpdater.checkForUpdates')).toEqual([]);
    expect(feed.requests).toEqual([]);
    tray().click('Check for updates…');
    await expect.poll(() => updateItem(booted as BootedMain)?.label, { timeout: 10_000 }).toBe('Restart to update to 0.2.0');
  });

  it('a feed that fails: the tray offers the check again and says the last one failed; the app keeps running', async () => {
    const broken = await startFakeUpdateFeed();
    broken.setMode('http-500');
    try {
      booted = await bootMain({ platform: 'linux', packaged: { appImage: '/home/me/CLI-Proxy-Desktop-0.1.0.AppImage', updateFeedUrl: broken.url } });
      await expect.poll(() => updateItem(booted as BootedMain)?.label, { timeout: 10_000 }).toBe('Check for updates… (last check failed)');
      expect(booted.recorder.exitCode).toBeNull();
      expect(booted.tray().toolTip).toMatch(/Running on/);
      expect(readFileSync(join(booted.folders.logs, 'main.log'), 'utf8')).toContain('Could not check for updates');
    } finally {
      await broken.close();
    }
  });
});
