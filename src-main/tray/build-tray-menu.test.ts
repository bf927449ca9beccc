import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../src-shared/engine-status';
import { buildTrayMenu, type TrayState } from './build-tray-menu';
import type { TrayMenuItem } from './tray-menu-item';

const base: EngineStatus = {
  state: 'running',
  host: '127.0.0.1',
  port: 8317,
  baseUrl: 'http://127.0.0.1:8317/v1',
  error: null,
  accounts: 3,
  requestsServed: 5,
  teamStore: false,
};

/** What the engine's `logins.list` answers (its providers' declarations, src-proxy/logins/login-offers.test.ts). */
const logins: TrayState['logins'] = [
  { provider: 'claude', label: 'Claude', flow: 'browser' },
  { provider: 'codex', label: 'Codex', flow: 'browser' },
  { provider: 'gemini', label: 'Gemini', flow: 'browser' },
  { provider: 'qwen', label: 'Qwen', flow: 'device-code' },
  { provider: 'iflow', label: 'iFlow', flow: 'browser' },
];

const state = (status: Partial<EngineStatus> = {}, extra: Partial<TrayState> = {}): TrayState => ({
  status: { ...base, ...status },
  requestsToday: 142,
  launchAtLogin: false,
  launchAtLoginSupported: true,
  update: { state: 'idle' },
  logins,
  ...extra,
});

/** Items as 'label [enabled|disabled|checked] -> action' lines, submenus indented. */
function describe_(items: TrayMenuItem[], indent = ''): string[] {
  return items.flatMap((item): string[] => {
    if (item.type === 'separator') return [`${indent}---`];
    if (item.type === 'submenu') return [`${indent}${item.label} >`, ...describe_(item.items, `${indent}  `)];
    if (item.type === 'checkbox') return [`${indent}${item.label} [${item.checked ? 'x' : ' '}] -> ${item.action.kind}`];
    const detail = item.action?.kind === 'login' ? `:${item.action.provider}` : item.action?.kind === 'updates' ? `:${item.action.step}` : '';
    const action = item.action === null ? '' : ` -> ${item.action.kind}${detail}`;
    return [`${indent}${item.label}${item.enabled ? '' : ' (disabled)'}${action}`];
  });
}

describe('buildTrayMenu', () => {
  it('shows the quota line under the status line when one is known, and nothing otherwise', () => {
    expect(describe_(buildTrayMenu(state({}, { quotaLine: 'Claude a@b.com: 5-hour limit at 14:32' }))).slice(0, 3)).toEqual([
      'Running on 127.0.0.1:8317 · 3 accounts · 142 requests today (disabled)',
      'Claude a@b.com: 5-hour limit at 14:32 (disabled)',
      '---',
    ]);
    expect(describe_(buildTrayMenu(state({}, { quotaLine: null })))[1]).toBe('---');
  });

  it('running: status line with accounts and requests today, then every action of UI.md', () => {
    expect(describe_(buildTrayMenu(state()))).toEqual([
      'Running on 127.0.0.1:8317 · 3 accounts · 142 requests today (disabled)',
      '---',
      'Stop proxy -> toggle-proxy',
      'Copy URL -> copy-url',
      'Copy API key -> copy-api-key',
      'Login with >',
      '  Claude… -> login:claude',
      '  Codex… -> login:codex',
      '  Gemini… -> login:gemini',
      '  Qwen… -> login:qwen',
      '  iFlow… -> login:iflow',
      '---',
      'Open dashboard -> open-dashboard',
      'Launch at login [ ] -> toggle-launch-at-login',
      '---',
      'Check for updates… -> updates:check',
      'Quit -> quit',
    ]);
  });

  it('says "1 account" and leaves out requests today while unknown', () => {
    expect(describe_(buildTrayMenu(state({ accounts: 1 }, { requestsToday: null })))[0]).toBe('Running on 127.0.0.1:8317 · 1 account (disabled)');
  });

  it('Login with lists whatever logins the engine offers, in its order; empty until the engine answered', () => {
    const offered = describe_(buildTrayMenu(state({}, { logins: [{ provider: 'newcomer', label: 'Newcomer', flow: 'device-code' }] })));
    expect(offered.slice(offered.indexOf('Login with >') + 1, offered.indexOf('Login with >') + 3)).toEqual(['  Newcomer… -> login:newcomer', '---']);
    const none = describe_(buildTrayMenu(state({}, { logins: [] })));
    expect(none[none.indexOf('Login with >') + 1]).toBe('---');
  });

  it('stopped: Start, Copy URL and logins disabled (a login needs the running engine)', () => {
    const lines = describe_(buildTrayMenu(state({ state: 'stopped', baseUrl: null })));
    expect(lines.slice(0, 6)).toEqual(['Stopped (disabled)', '---', 'Start proxy -> toggle-proxy', 'Copy URL (disabled) -> copy-url', 'Copy API key -> copy-api-key', 'Login with >']);
    expect(lines[6]).toBe('  Claude… (disabled) -> login:claude');
  });

  it('error: the reason in words (bounded), Start offered again', () => {
    const error = 'Port 8317 is already in use. Stop the other program or set another port in config.yaml.';
    const lines = describe_(buildTrayMenu(state({ state: 'error', baseUrl: null, error })));
    expect(lines[0]?.startsWith('Error: Port 8317 is already in use.')).toBe(true);
    expect(lines[0]?.replace(' (disabled)', '').length).toBeLessThanOrEqual('Error: '.length + 60);
    expect(lines[2]).toBe('Start proxy -> toggle-proxy');
  });

  it('transitions show the state and disable the toggle', () => {
    expect(describe_(buildTrayMenu(state({ state: 'starting', baseUrl: null }))).slice(0, 3)).toEqual(['Starting… (disabled)', '---', 'Stop proxy (disabled) -> toggle-proxy']);
    expect(describe_(buildTrayMenu(state({ state: 'stopping', baseUrl: null }))).slice(0, 3)).toEqual(['Stopping… (disabled)', '---', 'Start proxy (disabled) -> toggle-proxy']);
  });

  it('launch at login shows its check mark, and is hidden where the OS has none', () => {
    expect(describe_(buildTrayMenu(state({}, { launchAtLogin: true })))).toContain('Launch at login [x] -> toggle-launch-at-login');
    expect(describe_(buildTrayMenu(state({}, { launchAtLoginSupported: false }))).some((line) => line.startsWith('Launch at login'))).toBe(false);
  });

  it('the update item follows the updater: check, progress, restart to install, or why updates are off', () => {
    const updateLine = (update: TrayState['update']) => describe_(buildTrayMenu(state({}, { update }))).at(-2);
    expect(updateLine({ state: 'up-to-date', checkedAt: 1 })).toBe('Check for updates… -> updates:check');
    expect(updateLine({ state: 'checking' })).toBe('Checking for updates… (disabled)');
    expect(updateLine({ state: 'downloading', version: '0.2.0', percent: 42 })).toBe('Downloading 0.2.0… 42% (disabled)');
    expect(updateLine({ state: 'ready', version: '0.2.0' })).toBe('Restart to update to 0.2.0 -> updates:install');
    expect(updateLine({ state: 'error', message: 'Could not check for updates: HTTP 404', at: 1 })).toBe('Check for updates… (last check failed) -> updates:check');
    expect(updateLine({ state: 'unsupported', reason: 'Installed from the .deb package.' })).toBe('Updates: not available in this install (disabled)');
  });
});
