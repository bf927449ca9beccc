import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLaunchAtLogin, linuxAutostartEntry, linuxAutostartFileName, wasLaunchedAtLogin } from './launch-at-login';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('wasLaunchedAtLogin', () => {
  it('macOS launch at login opens no dashboard: wasOpenedAtLogin, not --hidden (login items take no args there)', () => {
    expect(wasLaunchedAtLogin('darwin', ['/Applications/X.app/Contents/MacOS/X'], () => ({ wasOpenedAtLogin: true }))).toBe(true);
    expect(wasLaunchedAtLogin('darwin', ['X'], () => ({ wasOpenedAtLogin: false }))).toBe(false);
  });
  it('Windows and Linux: --hidden only (wasOpenedAtLogin is macOS-only)', () => {
    expect(wasLaunchedAtLogin('win32', ['X.exe', '--hidden'], () => ({}))).toBe(true);
    expect(wasLaunchedAtLogin('linux', ['X'], () => ({ wasOpenedAtLogin: true }))).toBe(false);
  });
});

describe('applyLaunchAtLogin', () => {
  const recording = () => {
    const calls: unknown[] = [];
    return { calls, app: { setLoginItemSettings: (settings: unknown) => void calls.push(settings) } };
  };
  it('macOS: a login item without Windows-only args', async () => {
    const { calls, app } = recording();
    await applyLaunchAtLogin({ platform: 'darwin', app, configHome: '/nowhere', command: ['x'] }, true);
    expect(calls).toEqual([{ openAtLogin: true }]);
  });
  it('Windows: the Run entry starts the app with --hidden', async () => {
    const { calls, app } = recording();
    await applyLaunchAtLogin({ platform: 'win32', app, configHome: '/nowhere', command: ['x'] }, false);
    expect(calls).toEqual([{ openAtLogin: false, args: ['--hidden'] }]);
  });
  it('Linux launch at login writes and removes an XDG autostart entry (Electron has none there)', async () => {
    const configHome = await mkdtemp(join(tmpdir(), 'cliproxy-autostart-'));
    folders.push(configHome);
    const { calls, app } = recording();
    const target = { platform: 'linux' as const, app, configHome, command: ['/home/u/Apps/CLI Proxy.AppImage'] };
    await applyLaunchAtLogin(target, true);
    const file = join(configHome, 'autostart', linuxAutostartFileName);
    expect(await readFile(file, 'utf8')).toContain('Exec="/home/u/Apps/CLI Proxy.AppImage" --hidden');
    await applyLaunchAtLogin(target, false);
    expect(existsSync(file)).toBe(false);
    expect(calls).toEqual([]);
  });
  it('escapes quotes and dollars in the Exec path', () => {
    expect(linuxAutostartEntry(['/a/"b"/$c'])).toContain('Exec="/a/\\"b\\"/\\$c" --hidden');
  });
});
