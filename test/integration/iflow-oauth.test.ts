import { createHmac } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeIFlowOAuthServer, type FakeIFlowOAuthServer } from '../fakes/fake-iflow-oauth-server';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { startTestEngine, testClientKey, type TestEngineOptions } from './start-test-engine';
import type { TestEngine } from './start-test-engine';

/**
 * iFlow OAuth accounts end to end (docs/providers.md#iflow-login-iflow): login by the loopback callback (HTTP GET) and by a pasted
 * callback on the management route, the user-info call that yields the API key, the auth file, requests
 * from the OpenAI and Anthropic SDKs through the fake OpenAI upstream with the Bearer API key and the
 * HMAC signature on the request retried after a 401 refresh. Lead refresh, single-flight, needs-relogin and
 * quota failover of every provider: oauth-accounts-per-provider.test.ts.
 */
const day = 86_400_000;
const secret = 'mgmt-secret-for-tests';
let oauth: FakeIFlowOAuthServer;
let upstream: FakeOpenAIUpstream;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  oauth = await startFakeIFlowOAuthServer();
  upstream = await startFakeOpenAIUpstream({ name: 'iflow' });
});
afterAll(async () => {
  await oauth.close();
  await upstream.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  upstream.reset();
});

async function start(authFiles: TestEngineOptions['authFiles'] = {}, config: Record<string, unknown> = {}): Promise<OpenAI> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, 'request-retry': 0, 'disable-cooling': false, ...config },
    { authFiles, loginCallbackPort: 0, oauthEndpoints: { iflow: { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, userInfoUrl: oauth.userInfoUrl, apiBase: upstream.baseUrl, apiKeyUrl: oauth.apiKeyUrl } } },
  );
  return new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
}

function iflowFile(apiKey: string, refreshToken: string, expiresAt: number, email = 'a@example.com'): Record<string, unknown> {
  return { type: 'iflow', access_token: 'iflow-access-old', refresh_token: refreshToken, api_key: apiKey, email, expired: formatAuthTime(expiresAt), last_refresh: formatAuthTime(Date.now()), token_type: 'bearer', scope: 'read', cookie: '' };
}

/** docs/providers.md#iflow-executor: every request carries a session id, a ms timestamp and hex(HMAC-SHA256(api key, "iFlow-Cli:<session>:<ts>")). */
function expectSigned(headers: Record<string, string | undefined> | undefined, apiKey: string): void {
  expect(headers?.authorization).toBe(`Bearer ${apiKey}`);
  expect(headers?.['user-agent']).toBe('iFlow-Cli');
  const sessionId = headers?.['session-id'] ?? '';
  const timestamp = headers?.['x-iflow-timestamp'] ?? '';
  expect(sessionId).toMatch(/^session-[0-9a-f-]{36}$/);
  expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
  expect(headers?.['x-iflow-signature']).toBe(createHmac('sha256', apiKey).update(`iFlow-Cli:${sessionId}:${timestamp}`).digest('hex'));
}

const ask = (client: OpenAI) => client.chat.completions.create({ model: 'glm-4.6', messages: [{ role: 'user', content: 'Hello' }] });

describe('iFlow OAuth accounts', () => {
  it('logs in through engine.logins (loopback GET), fetches the API key, writes the auth file and serves the OpenAI and Anthropic SDKs', async () => {
    const client = await start();
    const engine = proxy?.engine;
    if (!engine) throw new Error('no engine');
    const { url, state } = await engine.logins.start('iflow');
    expect(state).toMatch(/^ifl-\d+$/);
    const authorize = new URL(url);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ loginMethod: 'phone', type: 'phone', state, client_id: '10009311001' });
    expect(authorize.searchParams.get('redirect')).toMatch(/^http:\/\/localhost:\d+\/oauth2callback$/);
    expect(authorize.searchParams.get('redirect_uri')).toBeNull();
    // A forged state is refused and the login keeps waiting.
    const redirect = (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';
    const forged = new URL(redirect.replace('localhost', '127.0.0.1'));
    forged.searchParams.set('state', 'ifl-1');
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(400);
    expect(engine.logins.status(state)).toEqual({ status: 'wait' });
    expect((await fetch(redirect.replace('localhost', '127.0.0.1'), { redirect: 'manual' })).status).toBe(302);
    await expect.poll(() => engine.logins.status(state)).toMatchObject({ status: 'ok', email: 'ivy@example.com' });

    const token = oauth.requests.find((request) => request.path === '/oauth/token');
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from('10009311001:4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW').toString('base64')}`);
    expect(token?.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: authorize.searchParams.get('redirect') });
    const files = (await readdir(proxy?.authDir ?? '')).filter((name) => name.startsWith('iflow-'));
    expect(files).toEqual(['iflow-ivy@example.com.json']);
    const file = JSON.parse(await readFile(join(proxy?.authDir ?? '', files[0] ?? ''), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ type: 'iflow', email: 'ivy@example.com', api_key: expect.stringMatching(/^sk-iflow-/), access_token: expect.any(String), refresh_token: expect.any(String), expired: expect.any(String), last_refresh: expect.any(String), token_type: 'bearer', scope: 'read' });
    await expect.poll(() => engine.status().accounts).toBe(1);

    const completion = await ask(client);
    expect(completion.choices[0]?.message.content).toBe('Hello from iflow');
    expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
    expectSigned(upstream.requests[0]?.headers, String(file.api_key));

    const anthropic = new Anthropic({ baseURL: proxy?.origin ?? '', apiKey: testClientKey, maxRetries: 0 });
    const message = await anthropic.messages.create({ model: 'qwen3-max', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from iflow' });
    expectSigned(upstream.requests[1]?.headers, String(file.api_key));
    expect(upstream.requests[0]?.headers['session-id']).not.toBe(upstream.requests[1]?.headers['session-id']);

    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['glm-4.6', 'qwen3-max', 'deepseek-r1', 'iflow-rome-30ba3b']));
  });

  it('starts a login from GET /v0/management/iflow-auth-url and completes it with a pasted callback', async () => {
    await start();
    const management = (path: string, init: RequestInit = {}, key: string | null = secret) =>
      fetch(`${proxy?.origin ?? ''}/v0/management${path}`, { ...init, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) } });
    expect((await management('/iflow-auth-url', {}, null)).status).toBe(401);
    const started = (await (await management('/iflow-auth-url')).json()) as { status: string; url: string; state: string };
    expect(started).toMatchObject({ status: 'ok', state: expect.stringMatching(/^ifl-\d+$/) });
    expect(await (await management(`/get-auth-status?state=${started.state}`)).json()).toEqual({ status: 'wait' });
    const redirect = (await fetch(started.url, { redirect: 'manual' })).headers.get('location') ?? '';
    const posted = await management('/oauth-callback', { method: 'POST', body: JSON.stringify({ provider: 'iflow', redirect_url: redirect }) }, null);
    expect(posted.status).toBe(200);
    await expect.poll(async () => ((await (await management(`/get-auth-status?state=${started.state}`)).json()) as { status: string }).status).toBe('ok');
    await expect.poll(() => proxy?.engine.status().accounts, { timeout: 5000 }).toBe(1);
  });

  it('refreshes once after an upstream 401 (new tokens and a re-fetched API key) and retries the same account', async () => {
    const { refreshToken } = oauth.issue();
    const client = await start({ 'iflow-a.json': iflowFile('sk-iflow-revoked', refreshToken, Date.now() + 30 * day) });
    const before = oauth.refreshCount();
    upstream.enqueue({ kind: 'status', status: 401 }, { kind: 'ok' });
    expect((await ask(client)).choices[0]?.message.content).toBe('Hello from iflow');
    expect(oauth.refreshCount()).toBe(before + 1);
    expect(upstream.requests).toHaveLength(2);
    expectSigned(upstream.requests[0]?.headers, 'sk-iflow-revoked');
    const retried = upstream.requests[1]?.headers.authorization?.replace('Bearer ', '') ?? '';
    expect(oauth.isIssuedApiKey(retried)).toBe(true);
    expectSigned(upstream.requests[1]?.headers, retried);
    const saved = JSON.parse(await readFile(join(proxy?.authDir ?? '', 'iflow-a.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ type: 'iflow', api_key: retried, email: 'ivy@example.com' });
    expect(saved.refresh_token).not.toBe(refreshToken);
    expect(proxy?.rawLogs()).not.toContain(retried);
  });

  it('logs in with a BXAuth cookie (POST /iflow-auth-url): stores only BXAuth, serves with the returned key, refuses a duplicate and a cookie without BXAuth', async () => {
    const client = await start();
    const listed = oauth.addCookieAccount('bx-secret-1', 'cookie user');
    const post = (cookie: string) => fetch(`${proxy?.origin ?? ''}/v0/management/iflow-auth-url`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ cookie }) });
    expect((await post('session=abc; other=1')).status).toBe(400);
    const saved = await post('session=abc; BXAuth=bx-secret-1; theme=dark');
    expect(saved.status).toBe(200);
    const answer = (await saved.json()) as { status: string; email: string; file: string };
    expect(answer).toMatchObject({ status: 'ok', email: 'cookie user', file: expect.stringMatching(/^iflow-cookie_user-\d+\.json$/) });
    const file = JSON.parse(await readFile(join(proxy?.authDir ?? '', answer.file), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ type: 'iflow', email: 'cookie user', cookie: 'BXAuth=bx-secret-1;', expired: '2099-01-01 00:00' });
    // The POST rotated the listed key: the file holds the one it returned.
    const apiKey = String(file.api_key);
    expect(apiKey).not.toBe(listed);
    expect(oauth.isIssuedApiKey(apiKey)).toBe(true);
    const rotate = oauth.requests.filter((request) => request.path === '/api/openapi/apikey').at(-1);
    expect(rotate).toMatchObject({ method: 'POST', body: { name: 'cookie user' }, headers: { origin: 'https://platform.iflow.cn', referer: 'https://platform.iflow.cn', cookie: 'BXAuth=bx-secret-1;' } });
    expect((await post('BXAuth=bx-secret-1')).status).toBe(409);
    await expect.poll(() => proxy?.engine.status().accounts, { timeout: 5000 }).toBe(1);
    await ask(client);
    expectSigned(upstream.requests[0]?.headers, apiKey);
    expect(proxy?.rawLogs()).not.toContain('bx-secret-1');
  });

  it('renews the key of a cookie file (no refresh token) from POST apikey {name} once it is near expiry', async () => {
    oauth.addCookieAccount('bx-secret-2', 'cookie two');
    const client = await start({ 'iflow-cookie.json': { type: 'iflow', api_key: 'sk-iflow-cookie-old', email: 'cookie two', expired: '2020-01-01 00:00', cookie: 'BXAuth=bx-secret-2;', last_refresh: formatAuthTime(Date.now() - day) } });
    await ask(client);
    const sent = upstream.requests[0]?.headers.authorization?.replace('Bearer ', '') ?? '';
    expect(sent).not.toBe('sk-iflow-cookie-old');
    expect(oauth.isIssuedApiKey(sent)).toBe(true);
    expect(oauth.requests.filter((request) => request.path === '/api/openapi/apikey').at(-1)).toMatchObject({ method: 'POST', body: { name: 'cookie two' } });
    expect(JSON.parse(await readFile(join(proxy?.authDir ?? '', 'iflow-cookie.json'), 'utf8'))).toMatchObject({ api_key: sent, expired: '2099-01-01 00:00', cookie: 'BXAuth=bx-secret-2;' });
  });
});
