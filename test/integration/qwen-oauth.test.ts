import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { startFakeQwenOAuthServer, type FakeQwenOAuthServer } from '../fakes/fake-qwen-oauth-server';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * Qwen Code accounts end to end (docs/providers.md#qwen-code-login-qwen): the device flow through the management route against the fake
 * device-flow server, the auth file it writes, requests served through the account by the fake OpenAI
 * upstream at the token's `resource_url`, a refresh after a 401, an expired device code, and the CLI.
 */
const secret = 'mgmt-secret-for-tests';
let oauth: FakeQwenOAuthServer;
let upstream: FakeOpenAIUpstream;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  oauth = await startFakeQwenOAuthServer();
  upstream = await startFakeOpenAIUpstream({ name: 'qwen' });
  // The upstream base comes from resource_url: scheme and host of the fake, '/v1' added by the engine.
  oauth.setResourceUrl(upstream.baseUrl.replace(/\/v1$/, ''));
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

async function start(): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, 'request-retry': 0 },
    { oauthEndpoints: { qwen: { deviceCodeUrl: oauth.deviceCodeUrl, tokenUrl: oauth.tokenUrl, pollIntervalMs: 20 } } },
  );
  return proxy;
}

const management = async (path: string) => {
  const response = await fetch(`${proxy?.origin}/v0/management${path}`, { headers: { authorization: `Bearer ${secret}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('Qwen OAuth accounts', () => {
  it('logs in through the device flow (two pending polls, one slow_down), writes the auth file and serves requests', async () => {
    const engine = await start();
    oauth.setPollScript(['authorization_pending', 'authorization_pending', 'slow_down', 'approve']);
    const started = await management('/qwen-auth-url');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'ok', state: expect.stringMatching(/^gem-\d+$/), user_code: expect.any(String), expires_in: 900 });
    expect(started.body.url).toContain(`user_code=${String(started.body.user_code)}`);
    await expect.poll(async () => (await management(`/get-auth-status?state=${String(started.body.state)}`)).body.status, { timeout: 5000 }).toBe('ok');
    const polls = oauth.pollTimes().slice(-4);
    expect(polls).toHaveLength(4);
    // slow_down stretched the wait before the last poll (20 ms -> 30 ms).
    expect((polls[3] ?? 0) - (polls[2] ?? 0)).toBeGreaterThanOrEqual(28);

    const files = (await readdir(engine.authDir)).filter((name) => name.startsWith('qwen-'));
    expect(files).toHaveLength(1);
    const file = JSON.parse(await readFile(join(engine.authDir, files[0] ?? ''), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ type: 'qwen', resource_url: upstream.baseUrl.replace(/\/v1$/, ''), access_token: expect.any(String), refresh_token: expect.any(String), expired: expect.any(String), last_refresh: expect.any(String) });
    await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(1);

    const client = new OpenAI({ baseURL: engine.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'coder-model', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from qwen');
    const sent = upstream.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${String(file.access_token)}`);
    expect(sent?.headers['user-agent']).toBe('QwenCode/0.14.2 (darwin; arm64)');
    expect(sent?.headers['x-dashscope-authtype']).toBe('qwen-oauth');
    expect(sent?.headers['x-dashscope-useragent']).toBe('QwenCode/0.14.2 (darwin; arm64)');
    const body = sent?.body as { model: string; messages: Array<{ role: string; content: unknown }> };
    expect(body.model).toBe('coder-model');
    expect(body.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: '', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Be brief.' }] });

    // A 401 refreshes the token once and retries the same account.
    const refreshesBefore = oauth.refreshCount();
    upstream.enqueue({ kind: 'status', status: 401 }, { kind: 'ok' });
    await client.chat.completions.create({ model: 'coder-model', messages: [{ role: 'user', content: 'Again' }] });
    expect(oauth.refreshCount()).toBe(refreshesBefore + 1);
    const retried = upstream.requests.at(-1)?.headers.authorization ?? '';
    expect(retried).not.toBe(`Bearer ${String(file.access_token)}`);
    expect(oauth.isValidAccessToken(retried.replace(/^Bearer /, ''))).toBe(true);
  });

  it('a login through the management route writes the login time in ms as email (not an empty email), as the file name does', async () => {
    const engine = await start();
    oauth.setPollScript(['approve']);
    const before = Date.now();
    const started = await management('/qwen-auth-url');
    await expect.poll(async () => (await management(`/get-auth-status?state=${String(started.body.state)}`)).body.status, { timeout: 5000 }).toBe('ok');
    const [name] = (await readdir(engine.authDir)).filter((file) => file.startsWith('qwen-'));
    const stamp = /^qwen-(\d+)\.json$/.exec(name ?? '')?.[1] ?? '';
    expect(Number(stamp)).toBeGreaterThanOrEqual(before);
    expect(Number(stamp)).toBeLessThanOrEqual(Date.now());
    const file = JSON.parse(await readFile(join(engine.authDir, name ?? ''), 'utf8')) as Record<string, unknown>;
    expect(file.email).toBe(stamp);
  });

  it('reports an expired device code as a clear login error', async () => {
    await start();
    oauth.setPollScript(['authorization_pending', 'expired_token']);
    const started = await management('/qwen-auth-url');
    await expect.poll(async () => (await management(`/get-auth-status?state=${String(started.body.state)}`)).body, { timeout: 5000 }).toEqual({
      status: 'error',
      error: 'The device code expired before the login was approved; start the login again.',
    });
    expect(proxy?.engine.status().accounts).toBe(0);
  });

  it('cliproxy login qwen prints the URL and user code, polls and writes the auth file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-qwen-'));
    try {
      oauth.setPollScript(['authorization_pending', 'slow_down', 'approve']);
      const bin = join(import.meta.dirname, '..', '..', 'bin', 'cliproxy.js');
      const env = { ...process.env, CLIPROXY_FROM_SOURCE: '1', CLIPROXY_QWEN_DEVICE_CODE_URL: oauth.deviceCodeUrl, CLIPROXY_QWEN_TOKEN_URL: oauth.tokenUrl, CLIPROXY_QWEN_POLL_INTERVAL_MS: '20' };
      const child = spawn(process.execPath, [bin, 'login', 'qwen', 'dave', '--config', join(folder, 'config.yaml')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/authorize\?user_code=([0-9A-F]+)/);
      const userCode = /user_code=([0-9A-F]+)/.exec(stdout)?.[1] ?? 'none';
      expect(stdout).toContain(`Confirm the code ${userCode}`);
      // The default config made on first run puts auth-dir next to it.
      const written = JSON.parse(await readFile(join(folder, 'auths', 'qwen-dave.json'), 'utf8')) as Record<string, unknown>;
      expect(written).toMatchObject({ type: 'qwen', email: 'dave' });
      expect(stdout).not.toContain(String(written.access_token));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
