import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultClaudeUsage, defaultCodexUsage, startFakeUsageServer, type FakeUsageServer } from '../../test/fakes/fake-usage-server';
import { NeedsReloginError } from '../auth-store/account-refresher';
import { DispatcherPool } from '../http/create-dispatcher';
import type { Credential, CredentialOAuth } from '../routing/credential';
import { testCredential } from '../routing/test-credential.fixture';
import { QuotaService, refreshCooldownMs } from './quota-service';

let usage: FakeUsageServer;
const dispatcher = new Agent();
const validTokens = new Set(['claude-token', 'codex-token', 'fresh-token']);

beforeAll(async () => {
  usage = await startFakeUsageServer({ isValidToken: (token) => validTokens.has(token) });
});
afterAll(async () => {
  await usage.close();
  await dispatcher.close();
});
afterEach(() => {
  usage.requests.length = 0;
});

/** An OAuth token source like the engine's: `accessToken` gives the current token, a 401 asks for a fresh one. */
function tokenSource(token: string, extra: Partial<CredentialOAuth> = {}): CredentialOAuth & { refreshes: string[] } {
  const refreshes: string[] = [];
  return {
    refreshes,
    accessToken: async () => token,
    refreshAfterUnauthorized: async (rejected) => {
      refreshes.push(rejected);
      token = 'fresh-token';
      return token;
    },
    deviceId: '',
    accountUuid: '',
    ...extra,
  };
}

const claude = (oauth: CredentialOAuth = tokenSource('claude-token')) =>
  testCredential({ id: 'auth:claude-a.json', provider: 'claude', label: 'claude a@example.com', apiKey: '', oauth });
const codex = (oauth: CredentialOAuth = tokenSource('codex-token', { accountId: 'acct-a' })) =>
  testCredential({ id: 'auth:codex-b.json', provider: 'codex', label: 'codex b@example.com', apiKey: '', oauth });

function service(credentials: Credential[], clock = { now: 1_790_000_000_000 }): QuotaService {
  return new QuotaService({
    credentials: () => credentials,
    dispatcherFor: () => dispatcher,
    endpoints: { claude: usage.claudeUsageUrl, codex: usage.codexUsageUrl },
    now: () => clock.now,
  });
}

describe('QuotaService.refresh', () => {
  it('Claude: asks /api/oauth/usage with the Bearer token and the OAuth beta; windows from the body', async () => {
    const quota = service([claude()]);
    const entry = await quota.refresh('auth:claude-a.json');
    expect(usage.requests[0]?.path).toBe('/api/oauth/usage');
    expect(usage.requests[0]?.headers).toMatchObject({ authorization: 'Bearer claude-token', 'anthropic-beta': 'oauth-2025-04-20', accept: 'application/json' });
    expect(entry).toMatchObject({ id: 'auth:claude-a.json', provider: 'claude', refreshable: true, error: null });
    expect(entry?.quota).toMatchObject({ source: 'usage-endpoint', updatedAt: 1_790_000_000_000 });
    expect(entry?.quota?.windows).toEqual([
      { id: '5h', label: '5-hour', usedPercent: 24, resetsAt: Date.parse('2026-11-26T19:59:59.600Z'), status: 'ok' },
      { id: '7d', label: 'Weekly', usedPercent: 36, resetsAt: Date.parse('2026-12-01T06:59:59.600Z'), status: 'ok' },
      { id: '7d-sonnet', label: 'Weekly (Sonnet)', usedPercent: 1, resetsAt: Date.parse('2026-12-01T14:59:59.600Z'), status: 'ok' },
    ]);
    expect(entry?.quota?.extraUsage).toEqual({ enabled: false, usedPercent: null, usedCredits: null, monthlyLimit: null, status: null });
  });

  it('Gemini CLI: POSTs {project} to retrieveUserQuota on its own Code Assist base; one window per model', async () => {
    const gemini = testCredential({ id: 'auth:gemini-d.json', provider: 'gemini-cli', label: 'gemini-cli d@example.com', apiKey: '', baseUrl: usage.origin, oauth: tokenSource('claude-token', { projectId: 'proj-1' }) });
    const entry = await service([gemini]).refresh('auth:gemini-d.json');
    expect(usage.requests[0]).toMatchObject({ path: '/v1internal:retrieveUserQuota', body: '{"project":"proj-1"}', headers: { authorization: 'Bearer claude-token' } });
    expect(entry).toMatchObject({ refreshable: true, unknown: null, error: null });
    expect(entry?.quota?.windows).toEqual([
      { id: 'gemini-2.5-pro', label: 'gemini-2.5-pro', usedPercent: 25, resetsAt: Date.parse('2026-12-08T08:00:00Z'), status: 'ok' },
      { id: 'gemini-2.5-flash', label: 'gemini-2.5-flash', usedPercent: 0, resetsAt: Date.parse('2026-12-08T08:00:00Z'), status: 'ok' },
    ]);
  });

  it('Codex: asks wham/usage with Chatgpt-Account-Id; plan, credits, primary/secondary windows; found by file name', async () => {
    const quota = service([codex()]);
    const entry = await quota.refresh('codex-b.json');
    expect(usage.requests[0]?.path).toBe('/backend-api/wham/usage');
    expect(usage.requests[0]?.headers).toMatchObject({ authorization: 'Bearer codex-token', 'chatgpt-account-id': 'acct-a', originator: 'codex-tui' });
    expect(entry?.quota).toMatchObject({ source: 'usage-endpoint', plan: 'pro', credits: { hasCredits: false, unlimited: false, balance: '0' } });
    expect(entry?.quota?.windows).toEqual([
      { id: 'primary', label: '5-hour', usedPercent: 3, resetsAt: 1_796_000_000_000, status: 'ok' },
      { id: 'secondary', label: 'Weekly', usedPercent: 9, resetsAt: 1_796_400_000_000, status: 'ok' },
    ]);
  });

  it('a Codex account that is refused: the fullest window is rejected', async () => {
    usage.setCodexUsage({
      plan_type: 'plus',
      rate_limit: { allowed: false, limit_reached: true, primary_window: { used_percent: 97, limit_window_seconds: 18_000, reset_after_seconds: 600 }, secondary_window: { used_percent: 40, limit_window_seconds: 604_800 } },
    });
    try {
      const clock = { now: 1_790_000_000_000 };
      const entry = await service([codex()], clock).refresh('auth:codex-b.json');
      expect(entry?.quota?.windows.map((window) => [window.id, window.status, window.resetsAt])).toEqual([
        ['primary', 'rejected', clock.now + 600_000],
        ['secondary', 'ok', null],
      ]);
    } finally {
      usage.setCodexUsage(defaultCodexUsage);
    }
  });

  it('within 15 s the cache answers; concurrent refreshes share one request; after 15 s it asks again', async () => {
    const clock = { now: 1_790_000_000_000 };
    const quota = service([claude()], clock);
    const [first, second] = await Promise.all([quota.refresh('auth:claude-a.json'), quota.refresh('auth:claude-a.json')]);
    expect(usage.requests).toHaveLength(1);
    expect(second).toEqual(first);
    clock.now += refreshCooldownMs - 1;
    await quota.refresh('auth:claude-a.json');
    expect(usage.requests).toHaveLength(1);
    clock.now += 1;
    const later = await quota.refresh('auth:claude-a.json');
    expect(usage.requests).toHaveLength(2);
    expect(later?.quota?.updatedAt).toBe(clock.now);
  });

  it('an expired token (401) is refreshed once and the ask repeated with the new token', async () => {
    const oauth = tokenSource('stale-token');
    const entry = await service([claude(oauth)]).refresh('auth:claude-a.json');
    expect(usage.requests.map((request) => request.headers.authorization)).toEqual(['Bearer stale-token', 'Bearer fresh-token']);
    expect(oauth.refreshes).toEqual(['stale-token']);
    expect(entry?.error).toBeNull();
    expect(entry?.quota?.windows).toHaveLength(3);
  });

  it('an account that needs a new login is reported without asking the endpoint', async () => {
    const oauth = { ...tokenSource('x'), accessToken: async () => Promise.reject(new NeedsReloginError('invalid_grant')) };
    const entry = await service([claude(oauth)]).refresh('auth:claude-a.json');
    expect(usage.requests).toHaveLength(0);
    expect(entry?.error).toEqual({
      message: "The proxy's account claude a@example.com needs a new login: its provider refused to renew the sign-in. Log in to it again (CLI Proxy > Accounts, or `cliproxy login`); the key you send to this proxy is not the problem.",
      status: 401,
      at: 1_790_000_000_000,
    });
    expect(entry?.quota).toBeNull();
  });

  it('an upstream failure is reported per account without the body (it echoes the token); the last good reading stays', async () => {
    const clock = { now: 1_790_000_000_000 };
    const quota = service([claude(), codex()], clock);
    await quota.refresh('auth:claude-a.json');
    clock.now += refreshCooldownMs;
    usage.failNext(500);
    const failed = await quota.refresh('auth:claude-a.json');
    expect(failed?.error).toEqual({ message: 'The usage endpoint answered HTTP 500.', status: 500, at: clock.now });
    expect(JSON.stringify(quota.list())).not.toContain('claude-token');
    expect(failed?.quota?.source).toBe('usage-endpoint');
    expect(quota.get('auth:codex-b.json')?.error).toBeNull();
  });

  it('a body that is not the expected JSON and a dead endpoint are errors too', async () => {
    usage.setClaudeUsage(['not', 'an', 'object']);
    try {
      expect((await service([claude()]).refresh('auth:claude-a.json'))?.error?.message).toBe('The usage endpoint answered with a body this app cannot read.');
    } finally {
      usage.setClaudeUsage(defaultClaudeUsage);
    }
    const dead = new QuotaService({ credentials: () => [claude()], dispatcherFor: () => dispatcher, endpoints: { claude: 'http://127.0.0.1:1/api/oauth/usage' } });
    const entry = await dead.refresh('auth:claude-a.json');
    expect(entry?.error).toMatchObject({ message: 'Upstream connection failed: ECONNREFUSED', status: null });
  });

  it('an account whose proxy-url is unusable gets the proxy error, without the URL', async () => {
    const pool = new DispatcherPool();
    const proxied = { ...claude(), proxyUrl: 'ftp://user:hunter2@proxy.example' };
    const quota = new QuotaService({ credentials: () => [proxied], dispatcherFor: (credential) => pool.get(credential.proxyUrl, ''), endpoints: { claude: usage.claudeUsageUrl } });
    const entry = await quota.refresh('auth:claude-a.json');
    expect(entry?.error).toMatchObject({ message: 'Unsupported proxy-url scheme (use http, https, socks5 or socks5h).', status: null });
    expect(JSON.stringify(entry)).not.toContain('hunter2');
    expect(usage.requests).toHaveLength(0);
  });

  it('an account without a usage endpoint answers its cache; an unknown one is undefined', async () => {
    const qwen = testCredential({ id: 'auth:qwen-c.json', provider: 'qwen', apiKey: '', oauth: tokenSource('q') });
    const quota = service([qwen]);
    expect(await quota.refresh('auth:qwen-c.json')).toEqual({ id: 'auth:qwen-c.json', provider: 'qwen', label: 'auth:qwen-c.json', refreshable: false, unknown: expect.stringContaining('Qwen Code reports no quota'), quota: null, forecasts: [], error: null });
    expect(usage.requests).toHaveLength(0);
    expect(await quota.refresh('auth:nobody.json')).toBeUndefined();
  });
});

describe('QuotaService.observeResponse and list', () => {
  const now = 1_790_000_000_000;

  it('headers replace the reading; an error adds a limit window and keeps the rest; a passed limit is hidden', () => {
    const clock = { now };
    const codexAccount = codex();
    const quota = service([codexAccount], clock);
    quota.observeResponse(codexAccount, 200, { 'x-codex-primary-used-percent': '40', 'x-codex-primary-window-minutes': '300', 'x-codex-plan-type': 'plus' }, now);
    expect(quota.get('auth:codex-b.json')?.quota).toEqual({
      source: 'headers',
      plan: 'plus',
      updatedAt: now,
      windows: [{ id: 'primary', label: '5-hour', usedPercent: 40, resetsAt: null, status: 'ok' }],
    });
    const limitBody = JSON.stringify({ error: { type: 'usage_limit_reached', resets_at: now / 1000 + 60 } });
    quota.observeResponse(codexAccount, 429, {}, now + 1, limitBody);
    const limited = quota.get('auth:codex-b.json')?.quota;
    expect(limited).toMatchObject({ source: 'error', plan: 'plus', updatedAt: now + 1 });
    expect(limited?.windows.map((window) => [window.id, window.status])).toEqual([
      ['primary', 'ok'],
      ['limit', 'rejected'],
    ]);
    clock.now = now + 60_000;
    expect(quota.get('auth:codex-b.json')?.quota?.windows.map((window) => window.id)).toEqual(['primary']);
  });

  it('a response without quota headers and a non-quota error change nothing', () => {
    const account = claude();
    const quota = service([account]);
    quota.observeResponse(account, 200, { 'content-type': 'application/json', 'request-id': 'req_1' }, now);
    quota.observeResponse(account, 500, {}, now, JSON.stringify({ error: { type: 'api_error' } }));
    expect(quota.get('auth:claude-a.json')?.quota).toBeNull();
  });

  it('lists OAuth accounts (with or without data) and API-key credentials only once something is known; drops removed accounts', () => {
    const geminiKey = testCredential({ id: 'gemini-api-key:1', provider: 'gemini-api' });
    const silentKey = testCredential({ id: 'openai-compatible:1' });
    const credentials: Credential[] = [geminiKey, silentKey, claude()];
    const quota = service(credentials);
    const retryBody = JSON.stringify({ error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' }] } });
    quota.observeResponse(geminiKey, 429, {}, now, retryBody);
    expect(quota.list().map((entry) => [entry.id, entry.quota?.windows[0]?.resetsAt ?? null])).toEqual([
      ['gemini-api-key:1', now + 30_000],
      ['auth:claude-a.json', null],
    ]);
    credentials.splice(0, 1);
    expect(quota.list().map((entry) => entry.id)).toEqual(['auth:claude-a.json']);
    credentials.unshift(geminiKey);
    expect(quota.list().map((entry) => entry.id)).toEqual(['auth:claude-a.json']);
  });
});

describe('QuotaService readings shared by a team', () => {
  const now = 1_790_000_000_000;
  const headers = (percent: string) => ({ 'x-codex-primary-used-percent': percent, 'x-codex-primary-window-minutes': '300' });

  it('tells onReading of its own readings; applyShared keeps a newer one, ignores an older one, and tells nobody', () => {
    const codexAccount = codex();
    const quota = service([codexAccount]);
    const told: Array<[string, number | null | undefined]> = [];
    const unsubscribe = quota.onReading((id, reading) => told.push([id, reading.windows[0]?.usedPercent]));
    quota.observeResponse(codexAccount, 200, headers('40'), now);
    expect(told).toEqual([['auth:codex-b.json', 40]]);

    const window = { id: 'primary', label: '5-hour', usedPercent: 70, resetsAt: null, status: 'ok' as const };
    const shared = { source: 'headers' as const, updatedAt: now + 5, windows: [window] };
    quota.applyShared('auth:codex-b.json', shared);
    expect(quota.get('auth:codex-b.json')?.quota?.windows[0]?.usedPercent).toBe(70);
    quota.applyShared('auth:codex-b.json', { ...shared, updatedAt: now + 1, windows: [{ ...window, usedPercent: 10 }] });
    expect(quota.get('auth:codex-b.json')?.quota?.windows[0]?.usedPercent).toBe(70);
    expect(told).toHaveLength(1);

    unsubscribe();
    quota.observeResponse(codexAccount, 200, headers('80'), now + 10);
    expect(told).toHaveLength(1);
    expect(quota.get('auth:codex-b.json')?.quota?.windows[0]?.usedPercent).toBe(80);
  });
});
