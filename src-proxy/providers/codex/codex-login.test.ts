import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOAuthServer, type FakeOAuthServer } from '../../../test/fakes/fake-oauth-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { parseAuthData } from '../../auth-store/auth-record';
import { AuthStore } from '../../auth-store/auth-store';
import { codexAuthFileName, createCodexRefresh } from './codex-auth-file';
import { readCodexIdToken } from './codex-id-token';
import { codexModelsForPlan } from './codex-models';
import { codexClientId, codexScopes, resolveCodexOAuthEndpoints } from './codex-oauth-endpoints';
import { startCodexLogin } from './codex-login';
import { providerByAuthFileType } from '../registry';

const fileName = codexAuthFileName('user@example.com', 'acct-fake-1', 'plus');

describe('Codex OAuth login', () => {
  let folder: string;
  let oauth: FakeOAuthServer;
  let store: AuthStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'codex-login-'));
    oauth = await startFakeOAuthServer();
    store = new AuthStore(join(folder, 'auths'), { providerByType: providerByAuthFileType });
  });
  afterEach(async () => {
    await oauth.close();
    await rm(folder, { recursive: true, force: true });
  });
  const endpoints = () => resolveCodexOAuthEndpoints({ authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.codexTokenUrl }, {});

  it('names files like CPA: codex-<hash8>-<email>-<plan>.json and its fallbacks', () => {
    expect(fileName).toMatch(/^codex-[0-9a-f]{8}-user@example\.com-plus\.json$/);
    expect(codexAuthFileName('a@b.c', '', 'Team Plan')).toBe('codex-a@b.c-team-plan.json');
    expect(codexAuthFileName('a@b.c', '', '')).toBe('codex-a@b.c.json');
    expect(codexModelsForPlan('free')).not.toContain('gpt-5.4');
    expect(codexModelsForPlan('team')).not.toContain('gpt-5.3-codex-spark');
    expect(codexModelsForPlan('mystery')).toContain('gpt-5.3-codex-spark');
  });

  it('builds the authorize URL (docs/providers.md#codex-login), takes the loopback callback and writes the codex auth file', async () => {
    const login = await startCodexLogin({ endpoints: endpoints(), store, callbackPort: 0 });
    const url = new URL(login.url);
    expect(url.origin + url.pathname).toBe(oauth.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: codexClientId,
      response_type: 'code',
      redirect_uri: `http://localhost:${login.callbackPort}/auth/callback`,
      scope: codexScopes,
      code_challenge_method: 'S256',
      state: login.state,
      prompt: 'login',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
    });
    expect(login.state).toMatch(/^[0-9a-f]{32}$/);
    await expect(fetch(`http://[::1]:${login.callbackPort}/auth/callback`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${login.callbackPort}/auth/callback?code=x&state=${'0'.repeat(32)}`)).status).toBe(400);
    const response = await fetch(oauth.approve(login.url).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(await login.result).toEqual({ email: 'user@example.com', accountId: fileName, planType: 'plus' });
    const path = join(folder, 'auths', fileName);
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ type: 'codex', email: 'user@example.com', account_id: 'acct-fake-1', disabled: false });
    expect(readCodexIdToken(saved.id_token)).toMatchObject({ email: 'user@example.com', accountId: 'acct-fake-1', planType: 'plus' });
    expect(oauth.isValidAccessToken(String(saved.access_token))).toBe(true);
    expect(Date.parse(String(saved.expired))).toBeGreaterThan(Date.now());
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    const exchange = oauth.requests.find((request) => request.path === '/oauth/token');
    expect(Object.keys(exchange?.body as object)).toEqual(['grant_type', 'client_id', 'code', 'redirect_uri', 'code_verifier']);
    expect(exchange?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    await expect(fetch(`http://127.0.0.1:${login.callbackPort}/auth/callback`)).rejects.toThrow();
  });

  it('accepts a pasted callback URL', async () => {
    const login = await startCodexLogin({ endpoints: endpoints(), store, callbackPort: 0 });
    const redirect = oauth.approve(login.url, { email: 'paste@example.com', chatgptAccountId: 'acct-2', planType: 'free' });
    expect(login.submitPastedUrl('https://example.invalid/nothing')).toBe(false);
    expect(login.submitPastedUrl(redirect)).toBe(true);
    await expect(login.result).resolves.toEqual({ email: 'paste@example.com', accountId: codexAuthFileName('paste@example.com', 'acct-2', 'free'), planType: 'free' });
  });

  it('refreshes with the form body of docs/providers.md#codex-refresh; a reused or revoked refresh token is OAuthRefreshError with needsRelogin, not retried', async () => {
    const refreshToken = oauth.issueRefreshToken();
    const refresh = createCodexRefresh({ endpoints: endpoints(), sleep: async () => undefined });
    const parsed = parseAuthData('codex-x.json', { type: 'codex', email: 'kept@example.com', refresh_token: refreshToken, account_id: 'acct-fake-1' }, providerByAuthFileType);
    if (!parsed.ok) throw new Error(parsed.reason);
    const fields = await refresh(parsed.record);
    expect(fields).toMatchObject({ type: 'codex', email: 'user@example.com', account_id: 'acct-fake-1' });
    expect(fields.refresh_token).not.toBe(refreshToken);
    expect(typeof fields.id_token).toBe('string');
    const tokenCall = oauth.requests.filter((request) => request.path === '/oauth/token').at(-1);
    expect(tokenCall?.body).toEqual({ client_id: codexClientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'openid profile email' });
    const calls = oauth.requests.length;
    const reused = await refresh(parsed.record).catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(OAuthRefreshError);
    expect(reused).toMatchObject({ code: 'refresh_token_reused', needsRelogin: true });
    expect(oauth.requests.length - calls).toBe(1);
    const revoked = oauth.issueRefreshToken();
    oauth.revoke(revoked);
    const dead = parseAuthData('codex-y.json', { type: 'codex', refresh_token: revoked }, providerByAuthFileType);
    if (!dead.ok) throw new Error(dead.reason);
    await expect(refresh(dead.record)).rejects.toMatchObject({ code: 'invalid_grant', needsRelogin: true });
  });
});
