import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAntigravityServer, type FakeAntigravityServer } from '../../../test/fakes/fake-antigravity-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { parseAuthData } from '../../auth-store/auth-record';
import { AuthStore } from '../../auth-store/auth-store';
import { providerByAuthFileType } from '../registry';
import { antigravityAuth } from './antigravity-auth';
import { antigravityAuthFileName, createAntigravityRefresh } from './antigravity-auth-file';
import { startAntigravityLogin } from './antigravity-login';
import { antigravityClient, resolveAntigravityEndpoints } from './antigravity-oauth-endpoints';

describe('Antigravity login and refresh', () => {
  let folder: string;
  let google: FakeAntigravityServer;
  let store: AuthStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'antigravity-login-'));
    google = await startFakeAntigravityServer();
    store = new AuthStore(join(folder, 'auths'), { providerByType: providerByAuthFileType });
  });
  afterEach(async () => {
    await google.close();
    await rm(folder, { recursive: true, force: true });
  });
  const endpoints = () => resolveAntigravityEndpoints(google.endpoints, {});
  const record = (id: string, data: Record<string, unknown>) => {
    const parsed = parseAuthData(id, data, providerByAuthFileType);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.record;
  };

  it("binds to its endpoints: the management api-call may send an account's token to both Cloud Code origins", () => {
    const bound = antigravityAuth.bind({}, {});
    expect(bound.endpoints).toMatchObject({ apiBase: 'https://daily-cloudcode-pa.googleapis.com', loadCodeAssistBase: 'https://cloudcode-pa.googleapis.com' });
    expect(bound.apiCallUrls).toEqual(['https://cloudcode-pa.googleapis.com']);
    expect(antigravityAuth.bind({}, { CLIPROXY_ANTIGRAVITY_LOAD_CODE_ASSIST_URL: 'http://127.0.0.1:9/prod/' }).apiCallUrls).toEqual(['http://127.0.0.1:9/prod']);
  });

    it("serves a file with a project at the daily origin or the file's own base_url, and a file without a project not at all", () => {
    const bound = antigravityAuth.bind({}, {});
    const context = { config: { oauthModelAlias: {}, oauthExcludedModels: {} }, tokenSource: () => ({ accessToken: async () => 't', refreshAfterUnauthorized: async () => 't', deviceId: '', accountUuid: '' }) };
    const served = (data: Record<string, unknown>) => bound.credentials(record('antigravity-a.json', { type: 'antigravity', email: 'a@example.com', ...data }), context);
    expect(served({ project_id: 'p' })).toMatchObject([{ id: 'auth:antigravity-a.json', provider: 'antigravity', baseUrl: 'https://daily-cloudcode-pa.googleapis.com', oauth: { projectId: 'p' } }]);
    expect(served({ project_id: 'p', base_url: 'https://relay.example/cloudcode/' })[0]?.baseUrl).toBe('https://relay.example/cloudcode');
    expect(served({ project_id: ' ' })).toEqual([]);
  });

    it('names files like CPA: antigravity-<email>.json, antigravity.json without an email', () => {
    expect(antigravityAuthFileName('a@b.c')).toBe('antigravity-a@b.c.json');
    expect(antigravityAuthFileName(' ')).toBe('antigravity.json');
  });

  it("builds Google's authorize URL with Antigravity's client, takes only this login's callback and writes the file (0600)", async () => {
    google.setExistingProject('proj-7');
    const login = await startAntigravityLogin({ endpoints: endpoints(), store, callbackPort: 0 });
    const authorize = new URL(login.url);
    expect(authorize.origin + authorize.pathname).toBe(google.authorizeUrl);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: antigravityClient.clientId, access_type: 'offline', prompt: 'consent', response_type: 'code', state: login.state, redirect_uri: `http://localhost:${login.callbackPort}/oauth-callback` });
    expect(authorize.searchParams.get('scope')?.split(' ')).toHaveLength(5);
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    expect(login.state).toMatch(/^[0-9a-f]{32}$/);

    expect(login.submitPastedUrl('http://localhost:51121/oauth-callback?state=wrong&code=x')).toBe(false);
    const redirect = new URL(google.approve(login.url, 'ann@example.com'));
    expect((await fetch(`http://127.0.0.1:${login.callbackPort}${redirect.pathname}${redirect.search}`, { redirect: 'manual' })).status).toBe(302);
    expect(await login.result).toEqual({ email: 'ann@example.com', accountId: 'antigravity-ann@example.com.json', projectId: 'proj-7' });
    expect((await stat(join(folder, 'auths', 'antigravity-ann@example.com.json'))).mode & 0o777).toBe(0o600);
    expect(google.requests.find((entry) => entry.path === '/token')?.body).toMatchObject({ grant_type: 'authorization_code', client_id: antigravityClient.clientId, client_secret: antigravityClient.clientSecret, redirect_uri: authorize.searchParams.get('redirect_uri') });
    // loadCodeAssist named the project: nothing was onboarded.
    expect(google.requests.some((entry) => entry.path.endsWith(':onboardUser'))).toBe(false);
  });

  it('fails and writes nothing when onboarding never reports a project (5 attempts, as CPA)', async () => {
    google.setOnboardPending(10);
    const login = await startAntigravityLogin({ endpoints: endpoints(), store, callbackPort: 0, onboardPollMs: 1 });
    login.submitPastedUrl(google.approve(login.url));
    await expect(login.result).rejects.toThrow('Antigravity onboarding did not finish after 5 attempts');
    expect(google.requests.filter((entry) => entry.path.endsWith(':onboardUser'))).toHaveLength(5);
    expect(await readdir(join(folder, 'auths')).catch(() => [])).toEqual([]);
  });

  it('refreshes with the client secret, keeps the refresh token, writes CPA fields; invalid_grant needs a new login', async () => {
    const tokens = google.issueTokens();
    const refresh = createAntigravityRefresh(endpoints(), { now: () => 1_700_000_000_000 });
    const current = record('antigravity-ag@example.com.json', { type: 'antigravity', email: 'ag@example.com', project_id: 'p', access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expired: '2020-01-01T00:00:00Z' });
    const fields = await refresh(current);
    expect(fields).toEqual({ type: 'antigravity', access_token: expect.stringMatching(/^ya29\./), refresh_token: tokens.refreshToken, expires_in: 3599, timestamp: 1_700_000_000_000, expired: '2023-11-14T23:13:19Z' });
    expect(fields.access_token).not.toBe(tokens.accessToken);
    expect(refresh.leadFor?.(current)).toBeUndefined();
    google.revokeRefreshToken(tokens.refreshToken);
    await expect(refresh(current)).rejects.toMatchObject({ name: 'OAuthRefreshError', code: 'invalid_grant', needsRelogin: true });
  });

  it('a file without a project is due at once; its refresh adds the project, or fails (not a dead login) when none is found', async () => {
    const tokens = google.issueTokens();
    const refresh = createAntigravityRefresh(endpoints(), { onboardPollMs: 1 });
    const projectless = record('antigravity-np.json', { type: 'antigravity', access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expired: '2099-01-01T00:00:00Z' });
    expect(refresh.leadFor?.(projectless)).toBe(Number.POSITIVE_INFINITY);
    google.setExistingProject('found-proj');
    expect(await refresh(projectless)).toMatchObject({ project_id: 'found-proj' });
    google.setExistingProject('');
    google.setOnboardPending(10);
    const failure = await refresh(projectless).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OAuthRefreshError);
    expect(failure).toMatchObject({ code: 'project_discovery', needsRelogin: false });
  });
});
