import Anthropic from '@anthropic-ai/sdk';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKimiServer, type FakeKimiServer } from '../fakes/fake-kimi-server';
import { spawnCliproxy } from './spawn-cliproxy';
import { startTestEngine, testClientKey, type TestEngine, type TestEngineOptions } from './start-test-engine';

/**
 * Kimi accounts end to end (docs/providers.md#kimi-login-kimi): the device flow through the management
 * route and the control contract against the strict fake, the auth file in CLIProxyAPI's shape, chat
 * served through the account by the fake Kimi Code API (OpenAI and Anthropic SDKs, stream and not), a
 * refresh before an expired token and after a 401, a dead refresh token, an expired device code, the CLI.
 */
const secret = 'mgmt-secret-for-tests';
let kimi: FakeKimiServer;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  kimi = await startFakeKimiServer();
});
afterAll(async () => {
  await kimi.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function start(authFiles?: TestEngineOptions['authFiles']): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, 'request-retry': 0 },
    { oauthEndpoints: { kimi: { deviceCodeUrl: kimi.deviceCodeUrl, tokenUrl: kimi.tokenUrl, apiBase: kimi.apiBase, pollIntervalMs: 20 } }, ...(authFiles ? { authFiles } : {}) },
  );
  return proxy;
}

const management = async (path: string) => {
  const response = await fetch(`${proxy?.origin}/v0/management${path}`, { headers: { authorization: `Bearer ${secret}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const apiCalls = () => kimi.requests.filter((request) => request.path === '/coding/v1/chat/completions');

async function readAuthFile(engine: TestEngine, name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(engine.authDir, name), 'utf8')) as Record<string, unknown>;
}

/** A file as CLIProxyAPI writes it, with tokens the fake issued to `deviceId`, expiring at `expired`. */
function kimiFile(deviceId: string, expired: number): { file: Record<string, unknown>; accessToken: string; refreshToken: string } {
  const { accessToken, refreshToken } = kimi.issueTokens(deviceId);
  const file = { type: 'kimi', access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', scope: 'kimi-code', device_id: deviceId, expired: new Date(expired).toISOString(), timestamp: Date.now() };
  return { file, accessToken, refreshToken };
}

describe('Kimi OAuth accounts', () => {
  it('logs in through the management route (pending, slow_down), writes the auth file in CPA shape and serves OpenAI chat, stream and not', async () => {
    const engine = await start();
    kimi.setPollScript(['authorization_pending', 'slow_down', 'approve']);
    const started = await management('/kimi-auth-url');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'ok', flow: 'device', state: expect.stringMatching(/^kmi-\d+$/), user_code: expect.any(String), expires_in: 900 });
    expect(started.body.url).toBe(`${kimi.origin}/code/authorize_device?user_code=${String(started.body.user_code)}`);
    await expect.poll(async () => (await management(`/get-auth-status?state=${String(started.body.state)}`)).body.status, { timeout: 5000 }).toBe('ok');

    const files = (await readdir(engine.authDir)).filter((name) => name.startsWith('kimi-'));
    expect(files).toEqual([expect.stringMatching(/^kimi-\d{13}\.json$/)]);
    const file = await readAuthFile(engine, files[0] ?? '');
    expect(Object.keys(file).sort()).toEqual(['access_token', 'device_id', 'disabled', 'expired', 'refresh_token', 'scope', 'timestamp', 'token_type', 'type']);
    expect(file).toMatchObject({ type: 'kimi', token_type: 'Bearer', scope: 'kimi-code', device_id: expect.stringMatching(/^[0-9a-f-]{36}$/), expired: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    // One login, one device: the device authorization and every poll sent the id the file keeps.
    const oauthCalls = kimi.requests.filter((request) => request.path.startsWith('/api/oauth/'));
    expect(new Set(oauthCalls.map((request) => request.headers['x-msh-device-id']))).toEqual(new Set([file.device_id]));
    expect(oauthCalls[0]?.headers).toMatchObject({ 'x-msh-platform': 'CLIProxyAPI', 'x-msh-version': '7.2.99', 'x-msh-device-name': hostname() });
    await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(1);

    const client = new OpenAI({ baseURL: engine.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    const models = (await client.models.list()).data.map((model) => model.id);
    expect(models).toEqual(expect.arrayContaining(['kimi-k2', 'kimi-k2.6', 'kimi-k2.7-code', 'kimi-k3']));

    const completion = await client.chat.completions.create({ model: 'kimi-k2.6', messages: [{ role: 'user', content: 'Hello' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from kimi');
    const sent = apiCalls().at(-1);
    expect(sent?.headers).toMatchObject({ authorization: `Bearer ${String(file.access_token)}`, 'user-agent': 'CLIProxyAPI/7.2.99', 'x-msh-device-id': file.device_id, accept: 'application/json' });
    expect(sent?.body).toMatchObject({ model: 'k2.6' });

    const stream = await client.chat.completions.create({ model: 'kimi-k2.7-code', messages: [{ role: 'user', content: 'Hello' }], stream: true, reasoning_effort: 'high' });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from kimi');
    expect(apiCalls().at(-1)?.body).toMatchObject({ model: 'kimi-for-coding', stream: true, stream_options: { include_usage: true }, thinking: { type: 'enabled', effort: 'high' } });
    expect(apiCalls().at(-1)?.body).not.toHaveProperty('reasoning_effort');
  });

  it('serves an Anthropic Messages client, its tool history repaired the way Kimi accepts it', async () => {
    const deviceId = 'device-anthropic';
    const account = kimiFile(deviceId, Date.now() + 3600_000);
    const engine = await start({ 'kimi-1.json': account.file });
    await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(1);
    const client = new Anthropic({ baseURL: engine.origin, apiKey: testClientKey, maxRetries: 0 });
    const tools = [{ name: 'get_weather', description: 'Weather of a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } }];
    const message = await client.messages.create({
      model: 'kimi-k2.6',
      max_tokens: 64,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'Sunny' }] },
      ],
    });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from kimi' })]);
    const sent = apiCalls().at(-1);
    expect(sent?.headers['x-msh-device-id']).toBe(deviceId);
    const assistant = (sent?.body as { messages: Array<Record<string, unknown>> }).messages.find((entry) => entry.role === 'assistant');
    expect(assistant?.reasoning_content).toBe('[reasoning unavailable]');

    const streamed = await client.messages.stream({ model: 'kimi-k3', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
    expect(streamed.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from kimi' })]);
  });

  it("reads the account's quota from Kimi's usage endpoint with the account's token and device id", async () => {
    const deviceId = 'device-quota';
    const account = kimiFile(deviceId, Date.now() + 3600_000);
    const engine = await start({ 'kimi-4.json': account.file });
    await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(1);
    const [quota] = await engine.engine.control.invoke('quota.get', { id: 'kimi-4.json', refresh: true });
    expect(quota).toMatchObject({
      accountId: 'kimi-4.json',
      error: null,
      unknown: null,
      windows: [
        { id: 'limit-0', label: '5-hour', usedPercent: 10, status: 'ok' },
        { id: 'weekly', label: 'Weekly', usedPercent: 25, status: 'ok' },
      ],
    });
    const asked = kimi.requests.filter((request) => request.path === '/coding/v1/usages').at(-1);
    expect(asked?.headers).toMatchObject({ authorization: `Bearer ${account.accessToken}`, 'x-msh-device-id': deviceId, 'user-agent': 'CLIProxyAPI/7.2.99' });
  });

  it('refreshes an expired token before the call, and after a 401, with the file device id', async () => {
    const deviceId = 'device-refresh';
    const account = kimiFile(deviceId, Date.now() - 60_000);
    const engine = await start({ 'kimi-2.json': account.file });
    await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(1);
    const client = new OpenAI({ baseURL: engine.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    const before = kimi.refreshCount();
    await client.chat.completions.create({ model: 'kimi-k2', messages: [{ role: 'user', content: 'Hello' }] });
    expect(kimi.refreshCount()).toBeGreaterThan(before);
    const refreshed = await readAuthFile(engine, 'kimi-2.json');
    expect(refreshed).toMatchObject({ type: 'kimi', device_id: deviceId, last_refresh: expect.any(String) });
    expect(refreshed.access_token).not.toBe(account.accessToken);
    expect(apiCalls().at(-1)?.headers.authorization).toBe(`Bearer ${String(refreshed.access_token)}`);

    // Kimi stops accepting the token: one refresh, then the same account serves the retry.
    kimi.expireAccessToken(String(refreshed.access_token));
    const refreshesBefore = kimi.refreshCount();
    const completion = await client.chat.completions.create({ model: 'kimi-k2', messages: [{ role: 'user', content: 'Again' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from kimi');
    expect(kimi.refreshCount()).toBe(refreshesBefore + 1);
    expect(kimi.isValidAccessToken((apiCalls().at(-1)?.headers.authorization ?? '').replace(/^Bearer /, ''))).toBe(true);
  });

  it('a dead refresh token gives the OpenAI client a clear error and marks the file for a new login', async () => {
    const account = kimiFile('device-dead', Date.now() - 60_000);
    kimi.revokeRefreshToken(account.refreshToken);
    const engine = await start({ 'kimi-3.json': account.file });
    await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(1);
    const client = new OpenAI({ baseURL: engine.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    const calls = apiCalls().length;
    const failure = await client.chat.completions.create({ model: 'kimi-k2', messages: [{ role: 'user', content: 'Hello' }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).message).toMatch(/log in again|new login|needs/i);
    expect(apiCalls()).toHaveLength(calls);
    expect(await readAuthFile(engine, 'kimi-3.json')).toMatchObject({ needs_relogin: true, refresh_token: account.refreshToken });
    expect(engine.rawLogs()).not.toContain(account.refreshToken);
  });

  it('control login.start runs the same device flow; an expired device code ends it with a clear error', async () => {
    const engine = await start();
    kimi.setPollScript(['authorization_pending', 'expired_token']);
    const started = await engine.engine.control.invoke('login.start', { provider: 'kimi' });
    expect(started).toMatchObject({ userCode: expect.any(String), url: expect.stringContaining('/code/authorize_device?user_code=') });
    await expect.poll(async () => (await management(`/get-auth-status?state=${started.state}`)).body, { timeout: 5000 }).toEqual({
      status: 'error',
      error: 'The Kimi device code expired before the login was approved; start the login again.',
    });
    expect(engine.engine.status().accounts).toBe(0);
  });

  it('cliproxy login kimi prints the URL and user code, polls and writes the auth file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-kimi-'));
    try {
      kimi.setPollScript(['authorization_pending', 'approve']);
      const env = { CLIPROXY_KIMI_DEVICE_CODE_URL: kimi.deviceCodeUrl, CLIPROXY_KIMI_TOKEN_URL: kimi.tokenUrl, CLIPROXY_KIMI_POLL_INTERVAL_MS: '20' };
      const { exited, output } = spawnCliproxy(['login', 'kimi', '--config', join(folder, 'config.yaml')], env);
      const code = await exited;
      const { stdout, stderr } = output();
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const userCode = /user_code=([0-9A-F]+)/.exec(stdout)?.[1] ?? 'none';
      expect(stdout).toContain(`Confirm the code ${userCode}`);
      const [name = ''] = (await readdir(join(folder, 'auths'))).filter((entry) => entry.startsWith('kimi-'));
      const written = JSON.parse(await readFile(join(folder, 'auths', name), 'utf8')) as Record<string, unknown>;
      expect(written).toMatchObject({ type: 'kimi', device_id: expect.any(String) });
      expect(stdout).not.toContain(String(written.access_token));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
