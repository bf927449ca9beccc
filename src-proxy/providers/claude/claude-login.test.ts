import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOAuthServer, type FakeOAuthServer } from '../../../test/fakes/fake-oauth-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { parseAuthData } from '../../auth-store/auth-record';
import { AuthStore } from '../../auth-store/auth-store';
import { createClaudeRefresh } from './claude-auth-file';
import { claudeClientId, claudeScopes, resolveClaudeOAuthEndpoints } from './claude-oauth-endpoints';
import { startClaudeLogin } from './claude-login';
import { providerByAuthFileType } from '../registry';

describe('Claude OAuth login', () => {
  let folder: string;
  let oauth: FakeOAuthServer;
  let store: AuthStore;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'claude-login-'));
    oauth = await startFakeOAuthServer();
    store = new AuthStore(join(folder, 'auths'), { providerByType: providerByAuthFileType });
  });
  afterEach(async () => {
    await oauth.close();
    await rm(folder, { recursive: true, force: true });
  });

  const endpoints = () => resolveClaudeOAuthEndpoints({ authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl }, {});

  it('builds the authorize URL (docs/providers.md#claude-login), takes the loopback callback and writes claude-<email>.json', async () => {
    const login = await startClaudeLogin({ endpoints: endpoints(), store, callbackPort: 0 });
    const url = new URL(login.url);
    expect(url.origin + url.pathname).toBe(oauth.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      code: 'true',
      client_id: claudeClientId,
      response_type: 'code',
      redirect_uri: `http://localhost:${login.callbackPort}/callback`,
      scope: claudeScopes,
      code_challenge_method: 'S256',
      state: login.state,
    });
    expect(login.state).toMatch(/^[0-9a-f]{32}$/);
    const redirect = oauth.approve(login.url).replace('localhost', '127.0.0.1');
    const response = await fetch(redirect, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(await login.result).toEqual({ email: 'user@example.com', accountId: 'claude-user@example.com.json' });
    const path = join(folder, 'auths', 'claude-user@example.com.json');
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ type: 'claude', email: 'user@example.com', account_uuid: 'acc-uuid-1', organization_uuid: 'org-uuid-1', organization_name: 'Fake Org', id_token: '', disabled: false });
    expect(oauth.isValidAccessToken(String(saved.access_token))).toBe(true);
    expect(saved.claude_device_ids).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(Date.parse(String(saved.expired))).toBeGreaterThan(Date.now());
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    const exchange = oauth.requests.find((request) => request.path === '/v1/oauth/token');
    expect(Object.keys(exchange?.body as object)).toEqual(['grant_type', 'code', 'redirect_uri', 'client_id', 'code_verifier', 'state']);
    expect(exchange?.headers['user-agent']).toBe('axios/1.15.2');
    await expect(fetch(`http://127.0.0.1:${login.callbackPort}/callback`)).rejects.toThrow();
  });

  it('answers a wrong state with 400 and keeps waiting; listens on 127.0.0.1 only', async () => {
    const login = await startClaudeLogin({ endpoints: endpoints(), store, callbackPort: 0 });
    const forged = await fetch(`http://127.0.0.1:${login.callbackPort}/callback?code=stolen&state=${'0'.repeat(32)}`);
    expect(forged.status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${login.callbackPort}/callback?state=${login.state}`)).status).toBe(400);
    await expect(fetch(`http://[::1]:${login.callbackPort}/callback`)).rejects.toThrow();
    expect((await fetch(oauth.approve(login.url).replace('localhost', '127.0.0.1'), { redirect: 'manual' })).status).toBe(302);
    await expect(login.result).resolves.toMatchObject({ email: 'user@example.com' });
  });

  it("ends on the provider's error and closes the server", async () => {
    const login = await startClaudeLogin({ endpoints: endpoints(), store, callbackPort: 0 });
    const rejected = expect(login.result).rejects.toThrow('access_denied');
    expect((await fetch(`http://127.0.0.1:${login.callbackPort}/callback?error=access_denied&state=${login.state}`)).status).toBe(400);
    await rejected;
    await expect(fetch(`http://127.0.0.1:${login.callbackPort}/callback`)).rejects.toThrow();
  });

  it('times out, and accepts a pasted callback URL (code#state form too)', async () => {
    const timed = await startClaudeLogin({ endpoints: endpoints(), store, callbackPort: 0, timeoutMs: 50 });
    await expect(timed.result).rejects.toThrow('Timeout waiting for OAuth callback');
    const login = await startClaudeLogin({ endpoints: endpoints(), store, callbackPort: 0 });
    const redirect = new URL(oauth.approve(login.url, { email: 'paste@example.com' }));
    expect(login.submitPastedUrl('https://example.invalid/nothing')).toBe(false);
    expect(login.submitPastedUrl(`http://localhost:54545/callback?code=${redirect.searchParams.get('code')}%23${login.state}`)).toBe(true);
    await expect(login.result).resolves.toEqual({ email: 'paste@example.com', accountId: 'claude-paste@example.com.json' });
  });

  it('refreshes (rotating tokens, keeping the email) and turns invalid_grant into OAuthRefreshError', async () => {
    const refreshToken = oauth.issueRefreshToken();
    const refresh = createClaudeRefresh({ endpoints: endpoints(), sleep: async () => undefined });
    const parsed = parseAuthData('claude-x.json', { type: 'claude', email: 'kept@example.com', refresh_token: refreshToken }, providerByAuthFileType);
    if (!parsed.ok) throw new Error(parsed.reason);
    const fields = await refresh(parsed.record);
    expect(fields).toMatchObject({ type: 'claude', email: 'user@example.com' });
    expect(fields.refresh_token).not.toBe(refreshToken);
    expect(oauth.isValidAccessToken(String(fields.access_token))).toBe(true);
    const tokenCall = oauth.requests.filter((request) => request.path === '/v1/oauth/token').at(-1);
    expect(tokenCall?.body).toEqual({ client_id: claudeClientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope: claudeScopes });
    const failure = await refresh(parsed.record).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OAuthRefreshError);
    expect((failure as OAuthRefreshError).code).toBe('invalid_grant');
  });
});
