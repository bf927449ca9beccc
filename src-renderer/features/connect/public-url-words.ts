import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { TunnelMode, TunnelStatus } from '../../../src-shared/control/tunnel-types';

export type TunnelTone = 'ok' | 'busy' | 'error' | 'off';

/** The public URL's state in one line, for the Connect card, the dashboard and the tray. */
export function describeTunnel(status: TunnelStatus): { words: string; tone: TunnelTone } {
  switch (status.state) {
    case 'off':
      return { words: status.error ?? 'Off: the proxy is reachable from this computer only.', tone: 'off' };
    case 'downloading':
      return { words: `Downloading cloudflared… ${downloadWords(status.download)}`, tone: 'busy' };
    case 'starting':
      return { words: 'Starting the tunnel…', tone: 'busy' };
    case 'running':
      return { words: `Public at ${status.publicUrl ?? '(address not known yet)'}`, tone: 'ok' };
    case 'restarting':
      return { words: `Reconnecting: ${status.error ?? 'cloudflared dropped'}`, tone: 'busy' };
    case 'error':
      return { words: status.error ?? 'The public URL could not start.', tone: 'error' };
    default: {
      const unknown: never = status.state;
      return { words: String(unknown), tone: 'error' };
    }
  }
}

function downloadWords(download: TunnelStatus['download']): string {
  if (!download) return '';
  const received = megabytes(download.receivedBytes);
  return download.totalBytes ? `${received} of ${megabytes(download.totalBytes)} MB` : `${received} MB`;
}

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

/**
 * The model names to add in Cursor ("+ Add model"): what the user's usable accounts serve, as the
 * proxy's /v1/models lists them. Cursor does not fetch the list itself; each name is added by hand.
 */
export function cursorModelNames(accounts: readonly AccountSummary[]): string[] {
  const names = new Set<string>();
  for (const account of accounts) {
    if (account.disabled || account.status === 'needs-relogin') continue;
    for (const model of account.models) names.add(model);
  }
  return [...names].sort();
}

export const modeLabels: Record<TunnelMode, string> = {
  quick: 'Quick tunnel (Cloudflare, no account)',
  named: 'Named tunnel (Cloudflare token)',
  external: 'I have my own public URL',
};
