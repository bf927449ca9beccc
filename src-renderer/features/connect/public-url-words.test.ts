import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { TunnelStatus } from '../../../src-shared/control/tunnel-types';
import { cursorModelNames, describeTunnel } from './public-url-words';

const off: TunnelStatus = { state: 'off', mode: 'quick', publicUrl: null, openaiBaseUrl: null, keyMasked: null, keyExpiresAt: null, download: null, error: null, startedAt: null, idleStopAt: null, requests: 0, restarts: 0 };

describe('describeTunnel', () => {
  it('says where the proxy is public, how far a download is, and why it stopped', () => {
    expect(describeTunnel({ ...off, state: 'running', publicUrl: 'https://a-b.trycloudflare.com' })).toEqual({ words: 'Public at https://a-b.trycloudflare.com', tone: 'ok' });
    expect(describeTunnel({ ...off, state: 'downloading', download: { receivedBytes: 5 * 1_048_576, totalBytes: 40 * 1_048_576 } }).words).toBe('Downloading cloudflared… 5.0 of 40.0 MB');
    expect(describeTunnel({ ...off, error: 'Stopped after 8 h without requests (tunnel.idle-stop).' }).words).toMatch(/without requests/);
    expect(describeTunnel({ ...off, state: 'error', error: 'api-keys is empty' }).tone).toBe('error');
  });
});

describe('cursorModelNames', () => {
  const account = (models: string[], extra: Partial<AccountSummary> = {}): AccountSummary =>
    ({ id: 'a', provider: 'claude', providerLabel: 'Claude', renewWith: 'claude', kind: 'oauth', label: 'a', email: null, status: 'active', statusMessage: null, coolingUntil: null, expiresAt: null, disabled: false, models, ...extra }) as AccountSummary;

  it('lists the models of usable accounts once, sorted; disabled and dead logins add none', () => {
    expect(cursorModelNames([account(['gpt-5', 'claude-sonnet-4-5']), account(['gpt-5']), account(['hidden'], { disabled: true }), account(['dead'], { status: 'needs-relogin' })])).toEqual(['claude-sonnet-4-5', 'gpt-5']);
  });
});
