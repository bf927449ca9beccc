import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import { startFakeXaiOAuthServer, type FakeXaiOAuthServer } from '../fakes/fake-xai-oauth-server';
import { xaiRefusal } from '../fakes/xai-api-rules';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * xAI (Grok) end to end (docs/providers.md#xai-grok-login-xai): the device flow through the management route,
 * the control contract and the CLI against the strict fake of auth.x.ai, the auth file in CPA's shape, chat
 * served by the strict fake Grok CLI chat proxy (non-stream and stream, through the official OpenAI SDK),
 * refresh after a 401, a dead login as a clear error, and `xai-api-key` entries against the strict fake API.
 */
const secret = 'mgmt-secret-for-tests';
const apiKey = 'xai-key-for-tests';
let oauth: FakeXaiOAuthServer;
let chatProxy: FakeResponsesUpstream;
let api: FakeResponsesUpstream;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  oauth = await startFakeXaiOAuthServer();
  chatProxy = await startFakeResponsesUpstream({ name: 'grok', refuse: xaiRefusal({ isValidToken: (token) => oauth.isValidAccessToken(token), chatProxy: true }) });
  api = await startFakeResponsesUpstream({ name: 'xai-api', refuse: xaiRefusal({ isValidToken: (token) => token === apiKey }) });
});
afterAll(async () => {
  await oauth.close();
  await chatProxy.close();
  await api.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  chatProxy.reset();
  api.reset();
});

async function start(config: Record<string, unknown> = {}): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, 'request-retry': 0, ...config },
    { oauthEndpoints: { xai: { discoveryUrl: oauth.discoveryUrl, apiBase: api.baseUrl, chatProxyBase: chatProxy.baseUrl, pollIntervalMs: 20 } } },
  );
  return proxy;
}

const management = async (path: string) => {
  const response = await fetch(`${proxy?.origin}/v0/management${path}`, { headers: { authorization: `Bearer ${secret}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

async function readAuthFile(engine: TestEngine, name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(engine.authDir, name), 'utf8')) as Record<string, unknown>;
}

describe('xAI OAuth accounts', () => {
  it('logs in through GET /xai-auth-url, writes the auth file in CPA shape and serves chat through the chat proxy (non-stream and stream)', async () => {
    const engine = await start();
    oauth.setPollScript(['authorization_pending', 'slow_down', 'approve']);
    const started = await management('/xai-auth-url');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'ok', state: expect.stringMatching(/^xai-\d+$/), user_code: expect.any(String), expires_in: 900 });
    expect(started.body.url).toBe(`${oauth.origin}/device?user_code=${String(started.body.user_code)}`);
    await expect.poll(async () => (await management(`/get-auth-status?state=${String(started.body.state)}`)).body.status, { timeout: 5000 }).toBe('ok');
    const polls = oauth.pollTimes().slice(-3);
    // slow_down added the least interval once more: 20 ms, then 40 ms.
    expect((polls[2] ?? 0) - (polls[1] ?? 0)).toBeGreaterThanOrEqual(38);

    expect(await readdir(engine.authDir)).toEqual(['xai-grok.user@example.com.json']);
    const file = await readAuthFile(engine, 'xai-grok.user@example.com.json');
    expect(Object.keys(file).sort()).toEqual(['access_token', 'auth_kind', 'base_url', 'disabled', 'email', 'expired', 'expires_in', 'id_token', 'last_refresh', 'refresh_token', 'sub', 'token_endpoint', 'token_type', 'type']);
    expect(file).toMatchObject({ type: 'xai', auth_kind: 'oauth', base_url: api.baseUrl, token_endpoint: oauth.tokenUrl, token_type: 'Bearer', expires_in: 3600, email: 'grok.user@example.com', sub: expect.stringMatching(/^user-/) });
    expect(Date.parse(String(file.expired)) - Date.now()).toBeGreaterThan(3500_000);
    await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(1);

    const client = new OpenAI({ baseURL: engine.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    const models = (await client.models.list()).data.map((model) => model.id);
    expect(models).toEqual(expect.arrayContaining(['grok-4.6', 'grok-4.5', 'grok-build-0.1', 'grok-composer-2.5-fast']));

    const completion = await client.chat.completions.create({ model: 'grok-build-0.1', messages: [{ role: 'user', content: 'Hello' }], reasoning_effort: 'high' });
    expect(completion.choices[0]?.message.content).toBe('Hello from grok');
    const sent = chatProxy.requests[0];
    expect(sent?.path).toBe('/v1/responses');
    expect(sent?.headers).toMatchObject({ authorization: `Bearer ${String(file.access_token)}`, 'x-xai-token-auth': 'xai-grok-cli', 'user-agent': 'xai-grok-workspace/0.2.120', accept: 'text/event-stream' });
    const body = sent?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'grok-build-0.1', stream: true });
    // grok-build-0.1 has no reasoning levels: the strict fake refuses an effort for it.
    expect((body.reasoning as Record<string, unknown> | undefined)?.effort).toBeUndefined();
    expect(api.requests).toHaveLength(0);

    const stream = await client.chat.completions.create({ model: 'grok-4.5', messages: [{ role: 'user', content: 'Hello again' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from grok');
  });

  it("refreshes the token after the chat proxy's 403 bad-credentials; a dead login answers a clear error in the client protocol", async () => {
    const tokens = oauth.issueTokens();
    const authFile = { type: 'xai', auth_kind: 'oauth', access_token: tokens.access_token, refresh_token: tokens.refresh_token, base_url: api.baseUrl, token_endpoint: oauth.tokenUrl, email: 'old@example.com', expired: new Date(Date.now() + 3600_000).toISOString() };
    proxy = await startTestEngine(
      { 'remote-management': { 'secret-key': secret }, 'request-retry': 0 },
      { authFiles: { 'xai-old@example.com.json': authFile }, oauthEndpoints: { xai: { discoveryUrl: oauth.discoveryUrl, apiBase: api.baseUrl, chatProxyBase: chatProxy.baseUrl, pollIntervalMs: 20 } } },
    );
    const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    oauth.expireAccessToken(tokens.access_token);
    const refreshesBefore = oauth.refreshCount();
    const completion = await client.chat.completions.create({ model: 'grok-4.5', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from grok');
    expect(oauth.refreshCount()).toBe(refreshesBefore + 1);
    const refreshed = await readAuthFile(proxy, 'xai-old@example.com.json');
    expect(refreshed).toMatchObject({ type: 'xai', email: 'grok.user@example.com', token_endpoint: oauth.tokenUrl, base_url: api.baseUrl });
    expect(oauth.isValidAccessToken(String(refreshed.access_token))).toBe(true);

    // Both tokens dead: the refresh gets invalid_grant and the client is told the account needs a new login.
    oauth.expireAccessToken(String(refreshed.access_token));
    oauth.revoke(String(refreshed.refresh_token));
    const failure = await client.chat.completions.create({ model: 'grok-4.5', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).message).toContain('needs a new login');
    await expect.poll(async () => (await readAuthFile(proxy as TestEngine, 'xai-old@example.com.json')).needs_relogin).toBe(true);
  });

  it('a login started over the control contract (login.start xai) writes the file; an expired device code is a clear login error', async () => {
    const engine = await start();
    oauth.setPollScript(['approve']);
    const login = await engine.engine.control.invoke('login.start', { provider: 'xai' });
    expect(login).toMatchObject({ url: expect.stringContaining('/device?user_code='), userCode: expect.any(String) });
    await expect.poll(async () => (await readdir(engine.authDir).catch(() => [])).length, { timeout: 5000 }).toBe(1);

    oauth.setPollScript(['authorization_pending', 'expired_token']);
    const started = await management('/xai-auth-url');
    await expect.poll(async () => (await management(`/get-auth-status?state=${String(started.body.state)}`)).body, { timeout: 5000 }).toEqual({
      status: 'error',
      error: 'The device code expired before the login was approved; start the login again.',
    });
  });

  it('cliproxy login xai prints the URL and user code, polls and writes the auth file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-xai-'));
    try {
      oauth.setPollScript(['authorization_pending', 'approve']);
      const bin = join(import.meta.dirname, '..', '..', 'bin', 'cliproxy.js');
      const env = { ...process.env, CLIPROXY_FROM_SOURCE: '1', CLIPROXY_XAI_DISCOVERY_URL: oauth.discoveryUrl, CLIPROXY_XAI_API_BASE_URL: api.baseUrl, CLIPROXY_XAI_POLL_INTERVAL_MS: '20' };
      const child = spawn(process.execPath, [bin, 'login', 'xai', '--config', join(folder, 'config.yaml')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const userCode = /user_code=([0-9A-F]+)/.exec(stdout)?.[1] ?? 'none';
      expect(stdout).toContain(`Enter the code ${userCode}`);
      const written = JSON.parse(await readFile(join(folder, 'auths', 'xai-grok.user@example.com.json'), 'utf8')) as Record<string, unknown>;
      expect(written).toMatchObject({ type: 'xai', auth_kind: 'oauth', base_url: api.baseUrl });
      expect(stdout).not.toContain(String(written.access_token));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('xai-api-key entries', () => {
  it('serve Chat Completions, Responses and Anthropic clients through the official API with the key; a wrong key is an OpenAI-format 401', async () => {
    const engine = await start({ 'xai-api-key': [{ 'api-key': apiKey, 'base-url': api.baseUrl }, { 'api-key': 'no-base-url' }] });
    const client = new OpenAI({ baseURL: engine.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'grok-4.6',
      messages: [{ role: 'user', content: 'Hello' }],
      tools: [{ type: 'function', function: { name: 'noop' } }],
      tool_choice: 'auto',
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from xai-api');
    const sent = api.requests[0];
    expect(sent?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(sent?.headers['x-xai-token-auth']).toBeUndefined();
    expect((sent?.body as { tools: unknown[] }).tools).toEqual([expect.objectContaining({ type: 'function', name: 'noop', parameters: { type: 'object', properties: {} } })]);

    const response = await client.responses.create({ model: 'grok-4.6', input: 'Hi', previous_response_id: 'resp_1', tools: [{ type: 'custom', name: 'apply_patch' }] });
    expect(response.output_text).toBe('Hello from xai-api');
    const passed = api.requests[1]?.body as Record<string, unknown>;
    expect(passed.previous_response_id).toBeUndefined();
    expect(passed.tools).toBeUndefined();

    // An Anthropic client (Claude Code's wire), translated through the hub, streamed.
    const anthropic = new Anthropic({ baseURL: engine.origin, apiKey: testClientKey, maxRetries: 0 });
    const message = await anthropic.messages.stream({ model: 'grok-4.6', max_tokens: 64, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello' }] }).finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from xai-api' })]);
    expect(api.requests[2]?.body).toMatchObject({ model: 'grok-4.6', stream: true, instructions: 'Be brief.' });

    await proxy?.close();
    proxy = undefined;
    const wrong = await start({ 'xai-api-key': [{ 'api-key': 'wrong-key', 'base-url': api.baseUrl }] });
    const failing = new OpenAI({ baseURL: wrong.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    const failure = await failing.chat.completions.create({ model: 'grok-4.6', messages: [{ role: 'user', content: 'Hello' }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
  });
});
