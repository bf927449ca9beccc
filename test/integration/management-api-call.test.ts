import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { defaultClaudeUsage, startFakeUsageServer, type FakeUsageServer } from '../fakes/fake-usage-server';
import { configKeyAuthIndex, startTestEngine, type TestEngine } from './start-test-engine';
import { closedPort } from '../fakes/closed-port.fixture';

/**
 * CPA's `POST /v0/management/api-call` on a real engine. The Claude account's provider host is a fake on
 * 127.0.0.1 (its `apiBase` override), which also serves the usage endpoint the official panel asks; the fake
 * OAuth server is another origin, so it stands for "somewhere else" when a token must not go there.
 */
const secret = 'mgmt-secret-api-call';
const staticToken = 'sk-ant-oat01-FIXTURE-STATIC-1a2b';
const configKey = 'sk-ant-api03-FIXTURE-CONFIG-KEY-3c4d';
const day = 86_400_000;

let oauth: FakeOAuthServer;
let provider: FakeUsageServer;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  oauth = await startFakeOAuthServer();
  provider = await startFakeUsageServer({ isValidToken: (token) => token === staticToken || oauth.isValidAccessToken(token) });
});
afterAll(async () => {
  await provider.close();
  await oauth.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  provider.requests.length = 0;
});

function claudeFile(accessToken: string, refreshToken: string, expiresAt: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'claude', access_token: accessToken, refresh_token: refreshToken, expired: formatAuthTime(expiresAt), email: 'a@example.com', ...extra };
}

async function start(authFiles: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, ...config },
    { authFiles, oauthEndpoints: { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, authorizeUrl: oauth.authorizeUrl, apiBase: provider.origin } } },
  );
  return proxy;
}

async function apiCall(body: unknown, key: string | null = secret): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${proxy?.origin}/v0/management/api-call`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

/** The auth index the panel reads from `GET /auth-files` before it calls `/api-call`. */
async function authIndexOf(name: string): Promise<string> {
  const response = await fetch(`${proxy?.origin}/v0/management/auth-files`, { headers: { authorization: `Bearer ${secret}` } });
  const { files } = (await response.json()) as { files: Array<{ name: string; auth_index: string }> };
  return files.find((file) => file.name === name)?.auth_index ?? '';
}

describe('POST /v0/management/api-call', () => {
  it("answers the official panel's Claude quota request with the account's token put in for $TOKEN$", async () => {
    await start({ 'claude-a.json': claudeFile(staticToken, 'unused', Date.now() + 30 * day) });
    const authIndex = await authIndexOf('claude-a.json');
    // Exactly what the panel's Claude quota page posts (Management Center, `claude_quota`), but at the fake host.
    const panelRequest = {
      authIndex,
      method: 'GET',
      url: provider.claudeUsageUrl,
      header: { Authorization: 'Bearer $TOKEN$', 'Content-Type': 'application/json', 'anthropic-beta': 'oauth-2025-04-20' },
    };
    const answer = await apiCall(panelRequest);
    expect(answer.status).toBe(200);
    expect(answer.body.status_code).toBe(200);
    expect(JSON.parse(answer.body.body as string)).toEqual(defaultClaudeUsage);
    expect(answer.body.header).toMatchObject({ 'Content-Type': ['application/json'] });
    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0]?.headers.authorization).toBe(`Bearer ${staticToken}`);
    expect(provider.requests[0]?.headers['anthropic-beta']).toBe('oauth-2025-04-20');
    expect(proxy?.rawLogs()).not.toContain(staticToken);
  });

  it('refreshes an expired account token first and sends the new one', async () => {
    const refreshToken = oauth.issueRefreshToken({ email: 'a@example.com' });
    await start({ 'claude-a.json': claudeFile('sk-ant-oat01-EXPIRED-0000', refreshToken, Date.now() - 1000) });
    const answer = await apiCall({ auth_index: await authIndexOf('claude-a.json'), method: 'GET', url: provider.claudeUsageUrl, header: { Authorization: 'Bearer $TOKEN$' } });
    expect(answer.body.status_code).toBe(200);
    expect(oauth.refreshCount()).toBe(1);
    const sent = /^Bearer (.+)$/.exec(provider.requests[0]?.headers.authorization ?? '')?.[1] ?? '';
    expect(oauth.isValidAccessToken(sent)).toBe(true);
    const saved = JSON.parse(await readFile(join(proxy?.authDir ?? '', 'claude-a.json'), 'utf8')) as { access_token: string };
    expect(saved.access_token).toBe(sent);
    expect(answer.text).not.toContain(sent);
  });

  it('puts a config API key in for $TOKEN$ and passes an upstream error status on inside a 200', async () => {
    await start({}, { 'claude-api-key': [{ 'api-key': configKey, 'base-url': provider.origin }] });
    // The panel reads the key's index from the list (docs/management-api.md#list-sections), the documented hash.
    const listed = (await (await fetch(`${proxy?.origin}/v0/management/claude-api-key`, { headers: { authorization: `Bearer ${secret}` } })).json()) as { 'claude-api-key': Array<{ 'auth-index'?: string }> };
    const authIndex = listed['claude-api-key'][0]?.['auth-index'];
    expect(authIndex).toBe(configKeyAuthIndex('claude-api-key', provider.origin, configKey));
    const answer = await apiCall({ auth_index: authIndex, method: 'GET', url: `${provider.origin}/v1/models`, header: { 'x-api-key': '$TOKEN$', 'anthropic-version': '2023-06-01' } });
    expect(answer.status).toBe(200);
    expect(answer.body.status_code).toBe(404);
    expect(provider.requests[0]?.headers['x-api-key']).toBe(configKey);
  });

  it("refuses to send an account's token to a host that is not its provider's, and says why", async () => {
    const elsewhere = await startFakeUsageServer();
    try {
      await start({ 'claude-a.json': claudeFile(staticToken, 'unused', Date.now() + 30 * day) });
      const answer = await apiCall({ auth_index: await authIndexOf('claude-a.json'), method: 'GET', url: elsewhere.claudeUsageUrl, header: { Authorization: 'Bearer $TOKEN$' } });
      expect(answer.status).toBe(400);
      // The account's hosts: its API base, the profile endpoint (the fake OAuth server here) and the usage endpoint.
      const hosts = `${provider.origin}, ${oauth.origin}, https://api.anthropic.com`;
      expect(answer.body.error).toBe(`token not sent: ${elsewhere.origin} is not a host of this account's provider (${hosts}); $TOKEN$ is only replaced in requests to those`);
      expect(elsewhere.requests).toHaveLength(0);
      expect(answer.text).not.toContain(staticToken);
    } finally {
      await elsewhere.close();
    }
  });

  it('answers 400 with the reason for a dead login, an unknown account, and bad bodies', async () => {
    await start({
      'claude-a.json': claudeFile(staticToken, 'unused', Date.now() + 30 * day),
      'claude-dead.json': claudeFile('sk-ant-oat01-DEAD-5e6f', 'dead', Date.now() - 1000, { needs_relogin: true, needs_relogin_reason: 'invalid_grant' }),
    });
    const url = provider.claudeUsageUrl;
    const header = { Authorization: 'Bearer $TOKEN$' };
    const dead = await apiCall({ auth_index: await authIndexOf('claude-dead.json'), method: 'GET', url, header });
    expect(dead).toMatchObject({ status: 400, body: { error: 'auth token refresh failed: the account needs a new login' } });
    expect(await apiCall({ auth_index: 'ffffffffffffffff', method: 'GET', url, header })).toMatchObject({ status: 400, body: { error: 'auth not found' } });
    const cases: Array<[unknown, string]> = [
      ['{not json', 'invalid body'],
      [[1, 2], 'invalid body'],
      [{ method: 'GET', url, header: { Authorization: 42 } }, 'invalid body'],
      [{ method: 'GET', url, data: { a: 1 } }, 'invalid body'],
      [{ url }, 'missing method'],
      [{ method: 'G E T', url }, 'invalid method'],
      [{ method: 'GET' }, 'missing url'],
      [{ method: 'GET', url: '/api/oauth/usage' }, 'invalid url'],
      [{ method: 'GET', url: 'file:///etc/passwd' }, 'invalid url'],
      [{ method: 'GET', url, proxy_url: 'ftp://proxy.example:21' }, 'invalid proxy_url'],
    ];
    for (const [body, error] of cases) expect(await apiCall(body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error } });
    expect(provider.requests).toHaveLength(0);
  });

  it('answers 502 request failed when nothing answers, and 401 without the management key', async () => {
    await start({});
    const port = await closedPort();
    expect(await apiCall({ method: 'GET', url: `http://127.0.0.1:${port}/x`, proxy_url: 'direct' })).toMatchObject({ status: 502, body: { error: 'request failed' } });
    expect(await apiCall({ method: 'GET', url: provider.claudeUsageUrl }, null)).toMatchObject({ status: 401, body: { error: 'missing management key' } });
    // Without an account, a call goes out as given: $TOKEN$ stays literal (CPA), and the fake says 401.
    const literal = await apiCall({ method: 'GET', url: provider.claudeUsageUrl, header: { Authorization: 'Bearer $TOKEN$' } });
    expect(literal.body.status_code).toBe(401);
    expect(provider.requests[0]?.headers.authorization).toBe('Bearer $TOKEN$');
  });
});
