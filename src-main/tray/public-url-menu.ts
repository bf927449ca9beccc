import type { TunnelStatus } from '../../src-shared/control/tunnel-types';
import type { TrayMenuItem } from './tray-menu-item';

/**
 * "Public URL for Cursor ▸": its state in words, Start or Stop, and copies of what Cursor needs (the
 * base URL with /v1, the public key). Start needs the proxy running; the settings (mode, token) are
 * the Connect page's, the tray starts with the saved ones.
 */
export function publicUrlMenu(tunnel: TunnelStatus, proxyRunning: boolean): TrayMenuItem {
  const live = tunnel.state === 'running' || tunnel.state === 'restarting';
  const busy = tunnel.state === 'downloading' || tunnel.state === 'starting';
  const items: TrayMenuItem[] = [
    { type: 'normal', label: describeTunnelForTray(tunnel), enabled: false, action: null },
    live || busy
      ? { type: 'normal', label: 'Stop', enabled: true, action: { kind: 'tunnel', command: 'stop' } }
      : { type: 'normal', label: 'Start', enabled: proxyRunning, action: { kind: 'tunnel', command: 'start' } },
    { type: 'normal', label: 'Copy Cursor base URL', enabled: tunnel.state === 'running' && tunnel.openaiBaseUrl !== null, action: { kind: 'tunnel', command: 'copy-url' } },
    { type: 'normal', label: 'Copy public key', enabled: live && tunnel.keyMasked !== null, action: { kind: 'tunnel', command: 'copy-key' } },
  ];
  return { type: 'submenu', label: live ? 'Public URL for Cursor (public)' : 'Public URL for Cursor', items };
}

export function describeTunnelForTray(tunnel: TunnelStatus): string {
  switch (tunnel.state) {
    case 'off':
      return tunnel.error ? shorten(tunnel.error) : 'Off';
    case 'downloading': {
      const { download } = tunnel;
      const percent = download?.totalBytes ? ` ${Math.floor((download.receivedBytes / download.totalBytes) * 100)}%` : '';
      return `Downloading cloudflared…${percent}`;
    }
    case 'starting':
      return 'Starting…';
    case 'running':
      return `Public at ${tunnel.publicUrl ?? '…'}`;
    case 'restarting':
      return 'Reconnecting…';
    case 'error':
      return `Error: ${shorten(tunnel.error ?? 'could not start')}`;
    default: {
      const unreachable: never = tunnel.state;
      return String(unreachable);
    }
  }
}

function shorten(text: string): string {
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}
