import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startTestEngine, type TestEngine } from './start-test-engine';

/** CPA's management login routes (docs/providers.md#starting-a-login-from-the-management-api) over the engine's Claude login, against the fake OAuth server. */
const secret = 'mgmt-secret-for-tests';
let oauth: FakeOAuthServer;
let proxy: TestEngine;

beforeEach(async () => {
  oauth = await startFakeOAuthServer();
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret } },
    { loginCallbackPort: 0, oauthEndpoints: { claude: { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl } } },
  );
});
afterEach(async () => {
  await proxy.close();
  await oauth.close();
});

const management = (path: string, init: RequestInit = {}, key: string | null = secret) =>
  fetch(`${proxy.origin}/v0/management${path}`, { ...init, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) } });

describe('management login routes', () => {
  it('starts a Claude login, reports wait, completes through the browser callback and reports ok', async () => {
    expect((await management('/anthropic-auth-url', {}, null)).status).toBe(401);
    const started = (await (await management('/anthropic-auth-url')).json()) as { status: string; url: string; state: string };
    expect(started).toMatchObject({ status: 'ok', state: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(await (await management(`/get-auth-status?state=${started.state}`)).json()).toEqual({ status: 'wait' });
    await fetch(oauth.approve(started.url, { email: 'mgmt@example.com' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await expect.poll(async () => ((await (await management(`/get-auth-status?state=${started.state}`)).json()) as { status: string }).status).toBe('ok');
    await expect.poll(() => proxy.engine.status().accounts, { timeout: 5000 }).toBe(1);
  });

  it('announces the start and end of a login started through the management route to the control events (the desktop window follows it)', async () => {
    const finished: Array<{ state: string; provider: string; progress: unknown }> = [];
    const announced: unknown[] = [];
    const unsubscribe = proxy.engine.control.on('login.finished', (event) => finished.push(event));
    const unsubscribeStarted = proxy.engine.control.on('login.started', (event) => announced.push(event));
    const started = (await (await management('/anthropic-auth-url')).json()) as { url: string; state: string };
    expect(announced).toEqual([{ state: started.state, provider: 'claude', url: started.url, userCode: null, expiresIn: null }]);
    unsubscribeStarted();
    await fetch(oauth.approve(started.url, { email: 'events@example.com' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await expect.poll(() => finished.length).toBe(1);
    unsubscribe();
    expect(finished[0]).toEqual({ state: started.state, provider: 'claude', progress: { status: 'ok', email: 'events@example.com' } });
  });

  it('takes a pasted callback without the key, guarded by the pending state (400/404/409 otherwise)', async () => {
    const { url, state } = (await (await management('/anthropic-auth-url')).json()) as { url: string; state: string };
    const post = (body: Record<string, unknown>) => management('/oauth-callback', { method: 'POST', body: JSON.stringify(body) }, null);
    expect((await post({ provider: 'nope', state })).status).toBe(400);
    expect((await post({ provider: 'anthropic', state: 'a'.repeat(32), code: 'x' })).status).toBe(404);
    const redirect = oauth.approve(url, { email: 'pasted@example.com' });
    expect((await post({ provider: 'anthropic', redirect_url: redirect })).status).toBe(200);
    await expect.poll(async () => ((await (await management(`/get-auth-status?state=${state}`)).json()) as { status: string }).status).toBe('ok');
    expect((await post({ provider: 'anthropic', redirect_url: redirect })).status).toBe(409);
  });

  it('cancels a pending login', async () => {
    const { state } = (await (await management('/anthropic-auth-url')).json()) as { state: string };
    expect(await (await management(`/oauth-session?state=${state}`, { method: 'DELETE' })).json()).toEqual({ status: 'ok', cancelled: true });
    await expect.poll(async () => (await (await management(`/get-auth-status?state=${state}`)).json()) as unknown).toEqual({ status: 'error', error: 'Login cancelled' });
  });
});

describe('web-UI login mode (?is_webui=true, docs/providers.md#starting-a-login-from-the-management-api)', () => {
  it('forwards the browser from the callback listener to the engine /anthropic/callback route, which completes the login', async () => {
    const started = (await (await management('/anthropic-auth-url?is_webui=true')).json()) as { url: string; state: string };
    const callback = new URL(oauth.approve(started.url, { email: 'webui@example.com' }).replace('localhost', '127.0.0.1'));
    const forged = await fetch(`${callback.origin}/callback?code=stolen&state=${'0'.repeat(32)}`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    const forwarded = await fetch(callback, { redirect: 'manual' });
    expect(forwarded.status).toBe(302);
    const location = new URL(forwarded.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(`${proxy.origin}/anthropic/callback`);
    expect(location.searchParams.get('state')).toBe(started.state);
    expect(await (await management(`/get-auth-status?state=${started.state}`)).json()).toEqual({ status: 'wait' });
    const page = await fetch(location);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Login complete');
    await expect.poll(async () => ((await (await management(`/get-auth-status?state=${started.state}`)).json()) as { status: string }).status).toBe('ok');
    // The forwarder shut down with the login; the state cannot be used twice.
    await expect(fetch(callback, { redirect: 'manual' })).rejects.toThrow();
    expect((await fetch(location)).status).toBe(409);
  });

  it('refuses an unknown state and a state of another provider on the engine callback routes', async () => {
    const { state } = (await (await management('/anthropic-auth-url?is_webui=1')).json()) as { state: string };
    expect((await fetch(`${proxy.origin}/anthropic/callback?code=x&state=${'a'.repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${proxy.origin}/codex/callback?code=x&state=${state}`)).status).toBe(400);
    expect(await (await management(`/get-auth-status?state=${state}`)).json()).toEqual({ status: 'wait' });
    const denied = await fetch(`${proxy.origin}/anthropic/callback?error=access_denied&state=${state}`);
    expect(denied.status).toBe(400);
    await expect.poll(async () => ((await (await management(`/get-auth-status?state=${state}`)).json()) as { status: string }).status).toBe('error');
  });
});
