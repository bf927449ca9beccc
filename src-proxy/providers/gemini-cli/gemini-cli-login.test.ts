import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogleServer, type FakeGoogleServer } from '../../../test/fakes/fake-google-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { parseAuthData } from '../../auth-store/auth-record';
import { AuthStore } from '../../auth-store/auth-store';
import { createGeminiCliRefresh, geminiCliAuthFileName } from './gemini-cli-auth-file';
import { geminiCliClientId, geminiCliClientSecret, resolveGeminiCliOAuthEndpoints } from './gemini-cli-oauth-endpoints';
import { startGeminiCliLogin } from './gemini-cli-login';
import { providerByAuthFileType } from '../registry';

describe('Gemini CLI OAuth login', () => {
  let folder: string;
  let google: FakeGoogleServer;
  let store: AuthStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gemini-login-'));
    google = await startFakeGoogleServer();
    store = new AuthStore(join(folder, 'auths'), { providerByType: providerByAuthFileType });
  });
  afterEach(async () => {
    await google.close();
    await rm(folder, { recursive: true, force: true });
  });
  const endpoints = () => resolveGeminiCliOAuthEndpoints({ authorizeUrl: google.authorizeUrl, tokenUrl: google.tokenUrl, userInfoUrl: google.userInfoUrl, codeAssistBase: google.codeAssistBase }, {});
  const polling = { autoPollMs: 1, onboardPollMs: 1, autoTimeoutMs: 2000 };

  it('names files like CPA: gemini-<email>-<project>.json, -all for several projects', () => {
    expect(geminiCliAuthFileName('a@b.c', 'p1')).toBe('gemini-a@b.c-p1.json');
    expect(geminiCliAuthFileName('a@b.c', 'p1,p2')).toBe('gemini-a@b.c-all.json');
    expect(geminiCliAuthFileName('a@b.c', 'ALL')).toBe('gemini-a@b.c-all.json');
  });

  it('logs in through the loopback callback (GET), onboards the requested project and writes the gemini auth file', async () => {
    google.setOnboardPending(2);
    const login = await startGeminiCliLogin({ endpoints: endpoints(), store, callbackPort: 0, projectId: 'my-proj', polling });
    const authorize = new URL(login.url);
    expect(authorize.origin + authorize.pathname).toBe(google.authorizeUrl);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: geminiCliClientId, access_type: 'offline', prompt: 'consent', response_type: 'code', state: login.state });
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://localhost:${login.callbackPort}/oauth2callback`);
    expect(authorize.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/cloud-platform');
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    expect(login.state).toMatch(/^gem-\d+$/);

    const redirect = new URL(google.approve(login.url, 'ann@example.com'));
    const local = `http://127.0.0.1:${login.callbackPort}${redirect.pathname}${redirect.search}`;
    // A forged state is refused and the login keeps waiting.
    const forged = new URL(local);
    forged.searchParams.set('state', 'other');
    expect((await fetch(forged)).status).toBe(400);
    expect((await fetch(local, { redirect: 'manual' })).status).toBe(302);
    const result = await login.result;
    expect(result).toEqual({ email: 'ann@example.com', accountId: 'gemini-ann@example.com-my-proj.json', projectId: 'my-proj' });

    const path = join(folder, 'auths', result.accountId);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ type: 'gemini', email: 'ann@example.com', project_id: 'my-proj', auto: false, disabled: false, token_type: 'Bearer' });
    expect(file.token).toMatchObject({ token_type: 'Bearer', token_uri: 'https://oauth2.googleapis.com/token', client_id: geminiCliClientId, client_secret: geminiCliClientSecret, universe_domain: 'googleapis.com', access_token: file.access_token, refresh_token: file.refresh_token });
    expect(Date.parse(String(file.expiry))).toBeGreaterThan(Date.now() + 3000_000);

    const tokenCall = google.requests.find((entry) => entry.path === '/token');
    expect(tokenCall?.body).toMatchObject({ grant_type: 'authorization_code', client_id: geminiCliClientId, client_secret: geminiCliClientSecret, redirect_uri: authorize.searchParams.get('redirect_uri') });
    const onboards = google.requests.filter((entry) => entry.path === '/v1internal:onboardUser');
    expect(onboards).toHaveLength(3);
    expect(onboards[0]?.body).toMatchObject({ tierId: 'free-tier', cloudaicompanionProject: 'my-proj', metadata: { pluginType: 'GEMINI' } });
    expect(google.requests.find((entry) => entry.path === '/v1internal:loadCodeAssist')?.body).toMatchObject({ cloudaicompanionProject: 'my-proj' });
  });

  it('without a project uses the one loadCodeAssist names, else auto-onboards (pasted callback URL)', async () => {
    google.setExistingProject('existing-proj');
    const first = await startGeminiCliLogin({ endpoints: endpoints(), store, callbackPort: 0, polling });
    expect(first.submitPastedUrl('http://localhost:8085/oauth2callback?state=wrong&code=x')).toBe(false);
    expect(first.submitPastedUrl(google.approve(first.url))).toBe(true);
    expect(await first.result).toMatchObject({ projectId: 'existing-proj', accountId: 'gemini-gem@example.com-existing-proj.json' });
    expect(store.get('gemini-gem@example.com-existing-proj.json')?.data.auto).toBe(true);

    google.setExistingProject('');
    google.setAutoProject('free-proj-9');
    google.setOnboardPending(1);
    const second = await startGeminiCliLogin({ endpoints: endpoints(), store, callbackPort: 0, polling });
    second.submitPastedUrl(google.approve(second.url, 'bo@example.com'));
    expect(await second.result).toMatchObject({ projectId: 'free-proj-9', accountId: 'gemini-bo@example.com-free-proj-9.json' });
  });

  it('refreshes with the client secret, keeps the refresh token Google does not resend, and maps invalid_grant', async () => {
    const tokens = google.issueTokens();
    const parsed = parseAuthData('gemini-gem@example.com-p.json', { type: 'gemini', email: 'gem@example.com', project_id: 'p', token: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer', expiry: '2020-01-01T00:00:00Z', client_id: 'cid-kept' } }, providerByAuthFileType);
    if (!parsed.ok) throw new Error(parsed.reason);
    const refresh = createGeminiCliRefresh(endpoints(), () => 1_700_000_000_000);
    const fields = await refresh(parsed.record);
    expect(fields).toMatchObject({ type: 'gemini', refresh_token: tokens.refreshToken, token_type: 'Bearer', expiry: '2023-11-14T23:13:19Z' });
    expect(fields.access_token).not.toBe(tokens.accessToken);
    expect(fields.token).toMatchObject({ refresh_token: tokens.refreshToken, access_token: fields.access_token, client_id: 'cid-kept', expiry: '2023-11-14T23:13:19Z' });
    const bad = parseAuthData('gemini-x-p.json', { type: 'gemini', refresh_token: 'nope' }, providerByAuthFileType);
    if (!bad.ok) throw new Error(bad.reason);
    await expect(refresh(bad.record)).rejects.toBeInstanceOf(OAuthRefreshError);
  });
});
