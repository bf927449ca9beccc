import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { codexAuthFileName } from '../../src-proxy/providers/codex/codex-auth-file';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import { startTestEngine, testClientKey, type TestEngine, type TestEngineOptions } from './start-test-engine';

/**
 * ChatGPT (Codex) OAuth accounts end to end (docs/providers.md#codex-login, docs/providers.md#codex-refresh, docs/providers.md#codex-auth-file, docs/providers.md#codex-executor, docs/providers.md#refresh-scheduling): OpenAI Chat and Anthropic SDKs as clients,
 * the engine, the fake Responses upstream's Codex backend recording headers and bodies, and the fake OAuth
 * server for logins. Refresh, single-flight and needs-relogin of every provider: oauth-accounts-per-provider.test.ts.
 */
const day = 86_400_000;

let upstream: FakeResponsesUpstream;
let oauth: FakeOAuthServer;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  upstream = await startFakeResponsesUpstream({ name: 'codex-oauth' });
  oauth = await startFakeOAuthServer();
  // Longer than the 5-day codex lead, so the scheduler leaves refreshed tokens alone during a test.
  oauth.setExpiresIn(30 * 24 * 3600);
});
afterAll(async () => {
  await upstream.close();
  await oauth.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  upstream.reset();
});

/** An unsigned id_token like OpenAI's. */
function idToken(email: string, accountId: string, plan: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ email, 'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_plan_type: plan } })}.sig`;
}

function codexFile(accessToken: string, refreshToken: string, expiresAt: number, extra: { email?: string; accountId?: string; plan?: string } = {}): Record<string, unknown> {
  const email = extra.email ?? 'a@example.com';
  const accountId = extra.accountId ?? 'acct-a';
  return {
    type: 'codex',
    id_token: idToken(email, accountId, extra.plan ?? 'plus'),
    access_token: accessToken,
    refresh_token: refreshToken,
    account_id: accountId,
    email,
    expired: formatAuthTime(expiresAt),
    last_refresh: formatAuthTime(Date.now()),
    disabled: false,
  };
}

async function start(authFiles: TestEngineOptions['authFiles'], config: Record<string, unknown> = {}): Promise<OpenAI> {
  proxy = await startTestEngine(
    { 'disable-cooling': false, 'request-retry': 0, ...config },
    { authFiles, loginCallbackPort: 0, oauthEndpoints: { codex: { tokenUrl: oauth.codexTokenUrl, authorizeUrl: oauth.authorizeUrl, apiBase: upstream.codexBaseUrl } } },
  );
  return new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
}

const ask = (client: OpenAI) => client.chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there' }], temperature: 0.2 });

describe('Codex OAuth accounts', () => {
  it('serves a non-stream OpenAI Chat request from the always-streamed Codex backend with the Codex headers and body (docs/providers.md#codex-executor, docs/providers.md#codex-body)', async () => {
    const client = await start({ 'codex-a.json': codexFile('codex-access-static', 'unused', Date.now() + 30 * day) });
    expect(proxy?.engine.status().accounts).toBe(1);
    const completion = await ask(client);
    expect(completion.choices[0]?.message.content).toBe('Hello from codex-oauth');
    const sent = upstream.requests[0];
    expect(sent?.path).toBe('/backend-api/codex/responses');
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer codex-access-static', 'chatgpt-account-id': 'acct-a', originator: 'codex-tui', accept: 'text/event-stream' });
    expect(sent?.headers['user-agent']).toMatch(/^codex-tui\//);
    const body = sent?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-5.5', stream: true, store: false, parallel_tool_calls: true, include: ['reasoning.encrypted_content'] });
    expect(typeof body.instructions).toBe('string');
    expect(body.temperature).toBeUndefined();
    expect(sent?.headers['session-id']).toBe(body.prompt_cache_key);
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(['gpt-5.5', 'gpt-5.3-codex-spark']));
  });

  it('streams to a streaming client and serves the Anthropic SDK too', async () => {
    const client = await start({ 'codex-a.json': codexFile('codex-access-static', 'unused', Date.now() + 30 * day) });
    const stream = await client.chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from codex-oauth');
    const anthropic = new Anthropic({ baseURL: proxy?.origin ?? '', apiKey: testClientKey, maxRetries: 0 });
    const message = await anthropic.messages.create({ model: 'gpt-5.5', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from codex-oauth' });
    expect(upstream.requests).toHaveLength(2);
    for (const request of upstream.requests) {
      expect(request.headers['chatgpt-account-id']).toBe('acct-a');
      expect(request.body).toMatchObject({ stream: true, store: false });
      expect((request.body as Record<string, unknown>).max_output_tokens).toBeUndefined();
    }
  });

  it('serves an OpenAI Responses client as pass-through: the non-stream reply is the assembled response', async () => {
    const client = await start({ 'codex-a.json': codexFile('codex-access-static', 'unused', Date.now() + 30 * day) });
    const response = await client.responses.create({ model: 'gpt-5.5', input: 'Hi', instructions: 'Be brief.', max_output_tokens: 50 });
    expect(response.output_text).toBe('Hello from codex-oauth');
    expect(response.status).toBe('completed');
    expect(upstream.requests[0]?.body).toMatchObject({ stream: true, store: false, instructions: 'Be brief.' });
    expect((upstream.requests[0]?.body as Record<string, unknown>).max_output_tokens).toBeUndefined();
  });

  it('sends codex-header-defaults.user-agent instead of the built-in one, even over the client user agent', async () => {
    const client = await start({ 'codex-a.json': codexFile('codex-access-static', 'unused', Date.now() + 30 * day) }, { 'codex-header-defaults': { 'user-agent': 'codex-tui/0.200.0 (Linux; x86_64)' } });
    await client.chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'user-agent': 'my-client/1.0' } });
    expect(upstream.requests[0]?.headers['user-agent']).toBe('codex-tui/0.200.0 (Linux; x86_64)');
    expect(upstream.requests[0]?.headers.originator).toBe('codex-tui');
  });

  it.each(['expired', 'invalidated'] as const)('a refresh answered refresh_token_%s marks the account as needing a new login instead of retrying it', async (how) => {
    const deadToken = oauth.issueRefreshToken();
    oauth.revoke(deadToken, how);
    const client = await start({
      'codex-dead.json': codexFile('codex-access-dead', deadToken, Date.now() - 1000, { email: 'dead@example.com', accountId: 'acct-dead' }),
      'codex-live.json': codexFile('codex-access-live', 'unused', Date.now() + 30 * day, { email: 'live@example.com', accountId: 'acct-live' }),
    }, { routing: { strategy: 'fill-first' } });
    const before = oauth.refreshCount();
    for (let index = 0; index < 3; index += 1) await ask(client);
    expect(upstream.requests.map((request) => request.headers.authorization)).toEqual(Array(3).fill('Bearer codex-access-live'));
    // One refresh in all: the dead token is neither retried within the refresh nor by the scheduler.
    expect(oauth.refreshCount() - before).toBe(1);
    const saved = JSON.parse(await readFile(join(proxy?.authDir ?? '', 'codex-dead.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ needs_relogin: true, needs_relogin_reason: expect.stringMatching(new RegExp(`^refresh_token_${how}: `)), refresh_token: deadToken });
  });

  it('offers the free plan its smaller model list', async () => {
    const client = await start({ 'codex-free.json': codexFile('codex-access-free', 'unused', Date.now() + 30 * day, { plan: 'free' }) });
    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).toContain('gpt-5.4-mini');
    expect(ids).not.toContain('gpt-5.3-codex-spark');
  });

  it('moves to the next account on usage_limit_reached until resets_at, for every model of that account', async () => {
    const client = await start(
      {
        'codex-a.json': codexFile('codex-access-first', 'unused', Date.now() + 30 * day),
        'codex-b.json': codexFile('codex-access-second', 'unused', Date.now() + 30 * day, { email: 'b@example.com', accountId: 'acct-b' }),
      },
      { routing: { strategy: 'fill-first' } },
    );
    const resetsAt = Math.floor(Date.now() / 1000) + 3600;
    upstream.enqueue({ kind: 'status', status: 429, body: { error: { type: 'usage_limit_reached', message: 'The usage limit has been reached', resets_at: resetsAt } } });
    await ask(client);
    await client.chat.completions.create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'Hi' }] });
    expect(upstream.requests.map((request) => request.headers['chatgpt-account-id'])).toEqual(['acct-a', 'acct-b', 'acct-b']);
  });

  it('logs in through engine.logins (loopback callback by HTTP GET) and serves the new account without a restart', async () => {
    const client = await start({});
    const engine = proxy?.engine;
    if (!engine) throw new Error('no engine');
    const { url, state } = await engine.logins.start('codex');
    expect(new URL(url).searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/auth\/callback$/);
    const callback = await fetch(oauth.approve(url, { email: 'ui@example.com', chatgptAccountId: 'acct-ui', planType: 'pro' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(callback.status).toBe(302);
    await expect.poll(() => engine.logins.status(state)).toMatchObject({ status: 'ok', email: 'ui@example.com' });
    const name = codexAuthFileName('ui@example.com', 'acct-ui', 'pro');
    expect(JSON.parse(await readFile(join(proxy?.authDir ?? '', name), 'utf8'))).toMatchObject({ type: 'codex', account_id: 'acct-ui', email: 'ui@example.com' });
    await expect.poll(() => engine.status().accounts).toBe(1);
    expect((await ask(client)).choices[0]?.message.content).toBe('Hello from codex-oauth');
    expect(upstream.requests[0]?.headers['chatgpt-account-id']).toBe('acct-ui');
  });

  it('starts a login from GET /v0/management/codex-auth-url and completes it with a pasted callback', async () => {
    const secret = 'mgmt-secret-for-tests';
    await start({}, { 'remote-management': { 'secret-key': secret } });
    const management = (path: string, init: RequestInit = {}, key: string | null = secret) =>
      fetch(`${proxy?.origin ?? ''}/v0/management${path}`, { ...init, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) } });
    expect((await management('/codex-auth-url', {}, null)).status).toBe(401);
    const started = (await (await management('/codex-auth-url')).json()) as { status: string; url: string; state: string };
    expect(started).toMatchObject({ status: 'ok', state: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(new URL(started.url).searchParams.get('client_id')).toBe('app_EMoamEEZ73f0CkXaXp7hrann');
    expect(await (await management(`/get-auth-status?state=${started.state}`)).json()).toEqual({ status: 'wait' });
    const redirect = oauth.approve(started.url, { email: 'mgmt@example.com', chatgptAccountId: 'acct-m', planType: 'team' });
    const posted = await management('/oauth-callback', { method: 'POST', body: JSON.stringify({ provider: 'codex', redirect_url: redirect }) }, null);
    expect(posted.status).toBe(200);
    await expect.poll(async () => ((await (await management(`/get-auth-status?state=${started.state}`)).json()) as { status: string }).status).toBe('ok');
    await expect.poll(() => proxy?.engine.status().accounts, { timeout: 5000 }).toBe(1);
  });
});
