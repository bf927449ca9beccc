import type { LoginOffer } from '../../src-shared/control/account-types';
import type { UpdateStatus } from '../../src-shared/control/update-types';
import type { EngineStatus } from '../../src-shared/engine-status';
import type { TunnelStatus } from '../../src-shared/control/tunnel-types';
import { publicUrlMenu } from './public-url-menu';
import type { TrayMenuItem } from './tray-menu-item';

export interface TrayState {
  status: EngineStatus;
  /** Requests today from usage history; null while unknown. */
  requestsToday: number | null;
  launchAtLogin: boolean;
  /** False where the OS offers no launch-at-login (the item is hidden). */
  launchAtLoginSupported: boolean;
  /** The public URL for Cursor; absent = no such submenu. */
  tunnel?: TunnelStatus;
  update: UpdateStatus;
  /** The logins the engine offers (`logins.list`), for the Login with submenu; empty until it answered. */
  logins: readonly LoginOffer[];
  /** The most constrained account's quota ("Claude a@b.com: 5-hour limit at 14:32" / "Quota fine": src-shared/quota-status-line.ts); absent or null = no line. */
  quotaLine?: string | null;
}

const MAX_ERROR_LENGTH = 60;

/** Pure: the tray menu as plain data. The first line repeats the state in words (UI.md, Tray). */
export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  const { status } = state;
  const running = status.state === 'running';
  return [
    { type: 'normal', label: describeTrayStatus(state), enabled: false, action: null },
    ...(state.quotaLine ? [{ type: 'normal' as const, label: state.quotaLine, enabled: false, action: null }] : []),
    { type: 'separator' },
    toggleItem(status),
    { type: 'normal', label: 'Copy URL', enabled: running && status.baseUrl !== null, action: { kind: 'copy-url' } },
    { type: 'normal', label: 'Copy API key', enabled: true, action: { kind: 'copy-api-key' } },
    {
      type: 'submenu',
      label: 'Login with',
      items: state.logins.map(({ provider, label }) => ({ type: 'normal', label: `${label}…`, enabled: running, action: { kind: 'login', provider } })),
    },
    ...(state.tunnel ? [publicUrlMenu(state.tunnel, running)] : []),
    { type: 'separator' },
    { type: 'normal', label: 'Open dashboard', enabled: true, action: { kind: 'open-dashboard' } },
    ...(state.launchAtLoginSupported ? [{ type: 'checkbox' as const, label: 'Launch at login', checked: state.launchAtLogin, action: { kind: 'toggle-launch-at-login' as const } }] : []),
    { type: 'separator' },
    updateItem(state.update),
    { type: 'normal', label: 'Quit', enabled: true, action: { kind: 'quit' } },
  ];
}

/**
 * "Check for updates…", or what the updater is doing. Where this install cannot update itself the item
 * says so, disabled (the Settings page gives the reason in full).
 */
export function updateItem(update: UpdateStatus): TrayMenuItem {
  const check = { kind: 'updates', step: 'check' } as const;
  switch (update.state) {
    case 'unsupported':
      return { type: 'normal', label: 'Updates: not available in this install', enabled: false, action: null };
    case 'idle':
    case 'up-to-date':
      return { type: 'normal', label: 'Check for updates…', enabled: true, action: check };
    case 'error':
      return { type: 'normal', label: 'Check for updates… (last check failed)', enabled: true, action: check };
    case 'checking':
      return { type: 'normal', label: 'Checking for updates…', enabled: false, action: null };
    case 'downloading':
      return { type: 'normal', label: `Downloading ${update.version}… ${update.percent}%`, enabled: false, action: null };
    case 'ready':
      return { type: 'normal', label: `Restart to update to ${update.version}`, enabled: true, action: { kind: 'updates', step: 'install' } };
    default: {
      const unreachable: never = update;
      return unreachable;
    }
  }
}

/** 'Running on 127.0.0.1:8317 · 3 accounts · 142 requests today'. */
export function describeTrayStatus(state: TrayState): string {
  const { status } = state;
  if (status.state !== 'running') return describeStatus(status);
  const parts = [describeStatus(status), plural(status.accounts, 'account')];
  if (state.requestsToday !== null) parts.push(`${plural(state.requestsToday, 'request')} today`);
  // Said wherever the state is said: the proxy is reachable from the internet.
  if (state.tunnel?.state === 'running' || state.tunnel?.state === 'restarting') parts.push('PUBLIC');
  return parts.join(' · ');
}

export function describeStatus(status: EngineStatus): string {
  switch (status.state) {
    case 'running':
      return `Running on ${status.host}:${status.port}`;
    case 'starting':
      return 'Starting…';
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped';
    case 'error':
      return `Error: ${truncate(status.error ?? 'unknown problem', MAX_ERROR_LENGTH)}`;
    default: {
      const unreachable: never = status.state;
      return String(unreachable);
    }
  }
}

/** Stop while running or starting (disabled until started), Start otherwise (disabled while stopping). */
function toggleItem(status: EngineStatus): TrayMenuItem {
  if (status.state === 'running' || status.state === 'starting') {
    return { type: 'normal', label: 'Stop proxy', enabled: status.state === 'running', action: { kind: 'toggle-proxy' } };
  }
  return { type: 'normal', label: 'Start proxy', enabled: status.state !== 'stopping', action: { kind: 'toggle-proxy' } };
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
