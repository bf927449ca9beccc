import { describe, expect, it, vi } from 'vitest';
import type { ControlApi } from '../../src-shared/control-contract';
import type { TunnelStatus } from '../../src-shared/control/tunnel-types';
import type { EngineStatus } from '../../src-shared/engine-status';
import { buildTrayMenu, describeTrayStatus, type TrayState } from './build-tray-menu';
import type { TrayMenuItem } from './tray-menu-item';
import { publicUrlMenu } from './public-url-menu';
import { runTunnelCommand } from './run-tunnel-command';

const off: TunnelStatus = { state: 'off', mode: 'quick', publicUrl: null, openaiBaseUrl: null, keyMasked: null, keyExpiresAt: null, download: null, error: null, startedAt: null, idleStopAt: null, requests: 0, restarts: 0 };
const running: TunnelStatus = { ...off, state: 'running', publicUrl: 'https://a-b.trycloudflare.com', openaiBaseUrl: 'https://a-b.trycloudflare.com/v1', keyMasked: 'sk-clipr…abcd', startedAt: 1 };
const engine: EngineStatus = { state: 'running', host: '127.0.0.1', port: 8317, baseUrl: 'http://127.0.0.1:8317/v1', error: null, accounts: 1, requestsServed: 0, teamStore: false };

function lines(item: TrayMenuItem): string[] {
  if (item.type !== 'submenu') throw new Error('not a submenu');
  return item.items.map((child) => (child.type === 'normal' ? `${child.label}${child.enabled ? '' : ' (disabled)'}${child.action?.kind === 'tunnel' ? ` -> ${child.action.command}` : ''}` : child.type));
}

describe('Public URL for Cursor tray submenu', () => {
  it('off: its state, Start (only while the proxy runs), copies disabled', () => {
    expect(lines(publicUrlMenu(off, true))).toEqual(['Off (disabled)', 'Start -> start', 'Copy Cursor base URL (disabled) -> copy-url', 'Copy public key (disabled) -> copy-key']);
    expect(lines(publicUrlMenu(off, false))[1]).toBe('Start (disabled) -> start');
  });

  it('running: says public in the submenu title and the status line; Stop and both copies', () => {
    const menu = publicUrlMenu(running, true);
    expect(menu.type === 'submenu' && menu.label).toBe('Public URL for Cursor (public)');
    expect(lines(menu)).toEqual(['Public at https://a-b.trycloudflare.com (disabled)', 'Stop -> stop', 'Copy Cursor base URL -> copy-url', 'Copy public key -> copy-key']);
    const state: TrayState = { status: engine, requestsToday: 3, launchAtLogin: false, launchAtLoginSupported: true, tunnel: running, update: { state: 'idle' }, logins: [] };
    expect(describeTrayStatus(state)).toBe('Running on 127.0.0.1:8317 · 1 account · 3 requests today · PUBLIC');
    expect(buildTrayMenu(state).some((item) => item.type === 'submenu' && item.label.startsWith('Public URL for Cursor'))).toBe(true);
  });

  it('downloading shows progress and can be stopped; an idle stop says why', () => {
    expect(lines(publicUrlMenu({ ...off, state: 'downloading', download: { receivedBytes: 25, totalBytes: 100 } }, true)).slice(0, 2)).toEqual(['Downloading cloudflared… 25% (disabled)', 'Stop -> stop']);
    expect(lines(publicUrlMenu({ ...off, error: 'Stopped after 8 h without requests (tunnel.idle-stop).' }, true))[0]).toBe('Stopped after 8 h without requests (tunnel.idle-stop). (disabled)');
  });

  it('no tunnel in the state: no submenu (the menu is as before)', () => {
    expect(buildTrayMenu({ status: engine, requestsToday: 0, launchAtLogin: false, launchAtLoginSupported: true, update: { state: 'idle' }, logins: [] }).some((item) => item.type === 'submenu' && item.label.startsWith('Public URL'))).toBe(false);
  });
});

describe('runTunnelCommand', () => {
  it('copies the Cursor base URL and the full key only on the click, through the contract', async () => {
    const invoke = vi.fn(async (operation: string) => (operation === 'tunnel.status' ? running : operation === 'tunnel.revealKey' ? { key: 'sk-cliproxy-public-full' } : running));
    const control = { invoke, on: () => () => undefined } as unknown as ControlApi;
    const copied: string[] = [];
    const deps = { control, writeClipboard: (text: string) => copied.push(text), onError: (error: unknown) => { throw error; } };
    runTunnelCommand('copy-url', deps);
    runTunnelCommand('copy-key', deps);
    runTunnelCommand('start', deps);
    await vi.waitFor(() => expect(copied).toEqual(['https://a-b.trycloudflare.com/v1', 'sk-cliproxy-public-full']));
    expect(invoke).toHaveBeenCalledWith('tunnel.start', {});
  });
});
