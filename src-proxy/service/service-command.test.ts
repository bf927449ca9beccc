import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderLaunchdPlist } from './render-launchd-plist';
import { renderSystemdUnit, type ServiceLaunch } from './render-systemd-unit';
import { commandOnPath, launchdPlistPath, runServiceCommand, systemdUnitPath, type CommandResult, type ServiceContext } from './service-command';

const homes: string[] = [];
afterEach(async () => {
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

const launch: ServiceLaunch = { nodePath: '/usr/bin/node', cliPath: '/usr/lib/node_modules/cli-proxy-headless/bin/cliproxy.js', configPath: '/home/me/.cli-proxy-api/config.yaml', environment: {} };

/** A context in a temp home whose system commands are recorded, answering `results` in turn (exit 0 by default). */
async function context(platform: NodeJS.Platform, options: { tools?: string[]; results?: CommandResult[] } = {}) {
  const homeDir = await mkdtemp(join(tmpdir(), 'cliproxy-service-'));
  homes.push(homeDir);
  const calls: string[] = [];
  let printed = '';
  const results = [...(options.results ?? [])];
  const value: ServiceContext = {
    platform,
    homeDir,
    uid: 501,
    launch,
    run: async (command, args) => {
      calls.push([command, ...args].join(' '));
      return results.shift() ?? { code: 0, output: '' };
    },
    hasCommand: (name) => (options.tools ?? ['systemctl', 'launchctl']).includes(name),
    write: (text) => (printed += text),
  };
  return { value, calls, homeDir, printed: () => printed };
}

describe('cliproxy service on Linux (systemd user unit)', () => {
  it('install writes the unit and enables it now', async () => {
    const linux = await context('linux');
    expect(await runServiceCommand('install', linux.value)).toBe(0);
    expect(await readFile(systemdUnitPath(linux.homeDir), 'utf8')).toBe(renderSystemdUnit(launch));
    expect(systemdUnitPath(linux.homeDir)).toBe(join(linux.homeDir, '.config', 'systemd', 'user', 'cli-proxy-api.service'));
    expect(linux.calls).toEqual(['systemctl --user daemon-reload', 'systemctl --user enable --now cli-proxy-api.service']);
    expect(linux.printed()).toMatch(/journalctl --user -u cli-proxy-api.service/);
  });

  it('install without systemctl writes the unit and prints the commands to run', async () => {
    const linux = await context('linux', { tools: [] });
    expect(await runServiceCommand('install', linux.value)).toBe(1);
    await stat(systemdUnitPath(linux.homeDir));
    expect(linux.calls).toEqual([]);
    expect(linux.printed()).toContain('systemctl is not available here. Run these where it is:\n  systemctl --user daemon-reload\n  systemctl --user enable --now cli-proxy-api.service\n');
  });

  it("install reports systemctl's failure with its output and exit code", async () => {
    const linux = await context('linux', { results: [{ code: 0, output: '' }, { code: 1, output: 'Failed to connect to bus: No medium found' }] });
    expect(await runServiceCommand('install', linux.value)).toBe(1);
    expect(linux.printed()).toContain('Failed to connect to bus: No medium found\nsystemctl --user enable --now cli-proxy-api.service failed (exit 1).\n');
  });

  it('uninstall disables it, removes the unit and reloads; status says when it is not installed', async () => {
    const linux = await context('linux');
    await runServiceCommand('install', linux.value);
    linux.calls.length = 0;
    expect(await runServiceCommand('status', linux.value)).toBe(0);
    expect(linux.calls).toEqual(['systemctl --user status --no-pager cli-proxy-api.service']);
    expect(await runServiceCommand('uninstall', linux.value)).toBe(0);
    expect(linux.calls.slice(1)).toEqual(['systemctl --user disable --now cli-proxy-api.service', 'systemctl --user daemon-reload']);
    expect(await readdir(join(linux.homeDir, '.config', 'systemd', 'user'))).toEqual([]);
    expect(await runServiceCommand('status', linux.value)).toBe(3);
    expect(linux.printed()).toMatch(/Not installed/);
  });
});

describe('cliproxy service on macOS (launchd agent)', () => {
  it('install writes the agent and bootstraps it into the gui domain; uninstall boots it out and removes it', async () => {
    const mac = await context('darwin');
    expect(await runServiceCommand('install', mac.value)).toBe(0);
    const plistPath = launchdPlistPath(mac.homeDir);
    expect(plistPath).toBe(join(mac.homeDir, 'Library', 'LaunchAgents', 'com.cliproxy.cli-proxy-api.plist'));
    expect(await readFile(plistPath, 'utf8')).toBe(renderLaunchdPlist(launch, join(mac.homeDir, 'Library', 'Logs', 'cli-proxy-api')));
    expect(await runServiceCommand('status', mac.value)).toBe(0);
    expect(await runServiceCommand('uninstall', mac.value)).toBe(0);
    expect(mac.calls).toEqual([`launchctl bootstrap gui/501 ${plistPath}`, 'launchctl print gui/501/com.cliproxy.cli-proxy-api', 'launchctl bootout gui/501/com.cliproxy.cli-proxy-api']);
    await expect(stat(plistPath)).rejects.toThrow(/ENOENT/);
  });
});

describe('cliproxy service on Windows', () => {
  it("points at the desktop app's launch at login, writes and runs nothing", async () => {
    const windows = await context('win32');
    expect(await runServiceCommand('install', windows.value)).toBe(1);
    expect(windows.printed()).toMatch(/"Launch at login"/);
    expect(windows.calls).toEqual([]);
    expect(await readdir(windows.homeDir)).toEqual([]);
  });
});

describe('commandOnPath', () => {
  it('looks for the file in each PATH folder', () => {
    const files = new Set(['/usr/bin/systemctl']);
    expect(commandOnPath('systemctl', '/usr/local/bin:/usr/bin', (path) => files.has(path))).toBe(true);
    expect(commandOnPath('launchctl', '/usr/local/bin:/usr/bin', (path) => files.has(path))).toBe(false);
    expect(commandOnPath('systemctl', undefined, (path) => files.has(path))).toBe(false);
  });
});
