import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startTestEngine, testClientKey, type TestEngine, type TestEngineOptions } from './start-test-engine';

/**
 * Claude OAuth accounts from auth-dir, end to end (docs/providers.md#auth-files, docs/providers.md#refresh-scheduling, docs/providers.md#claude-refresh, docs/providers.md#claude-executor): the OpenAI SDK as client,
 * the engine, the fake Anthropic upstream recording headers and the fake OAuth server for logins. Refresh,
 * single-flight, needs-relogin and quota failover of every provider: oauth-accounts-per-provider.test.ts.
 */
const identity = "You are Claude Code, Anthropic's official CLI for Claude.";
const day = 86_400_000;

let upstream: FakeAnthropicUpstream;
let oauth: FakeOAuthServer;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  upstream = await startFakeAnthropicUpstream({ name: 'claude-oauth' });
  oauth = await startFakeOAuthServer();
  // Longer than the 4 h claude lead, so the scheduler leaves refreshed tokens alone during a test.
  oauth.setExpiresIn(24 * 3600);
});
afterAll(async () => {
  await upstream.close();
  await oauth.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  upstream.reset();
  oauth.setRefreshDelay(0);
});

function claudeFile(accessToken: string, refreshToken: string, expiresAt: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'claude',
    access_token: accessToken,
    refresh_token: refreshToken,
    expired: formatAuthTime(expiresAt),
    last_refresh: formatAuthTime(Date.now()),
    email: 'a@example.com',
    account_uuid: 'acc-1',
    claude_device_ids: ['d'.repeat(64)],
    id_token: '',
    disabled: false,
    ...extra,
  };
}

async function start(authFiles: TestEngineOptions['authFiles'], config: Record<string, unknown> = {}): Promise<OpenAI> {
  proxy = await startTestEngine(
    { 'disable-cooling': false, 'request-retry': 0, ...config },
    { authFiles, loginCallbackPort: 0, oauthEndpoints: { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, authorizeUrl: oauth.authorizeUrl, apiBase: upstream.baseUrl } } },
  );
  return new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
}

const ask = (client: OpenAI) => client.chat.completions.create({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'Hello there' }] });

describe('Claude OAuth accounts', () => {
  it('serves an OpenAI SDK request with the Bearer token, OAuth betas and the Claude Code identity', async () => {
    const client = await start({ 'claude-a@example.com.json': claudeFile('sk-ant-oat01-static', 'unused', Date.now() + 30 * day) });
    expect(proxy?.engine.status().accounts).toBe(1);
    const completion = await ask(client);
    expect(completion.choices[0]?.message.content).toBe('Hello from claude-oauth');
    const sent = upstream.requests[0];
    expect(sent?.path).toBe('/v1/messages?beta=true');
    expect(sent?.headers.authorization).toBe('Bearer sk-ant-oat01-static');
    expect(sent?.headers['x-api-key']).toBeUndefined();
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers['anthropic-beta']?.split(',')).toEqual(expect.arrayContaining(['claude-code-20250219', 'oauth-2025-04-20']));
    expect(sent?.headers['user-agent']).toMatch(/^claude-cli\//);
    const body = sent?.body as { system: Array<{ text: string }>; metadata: { user_id: string } };
    expect(body.system[1]?.text).toBe(identity);
    expect(JSON.parse(body.metadata.user_id)).toMatchObject({ device_id: 'd'.repeat(64), account_uuid: 'acc-1' });
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('claude-sonnet-4-6');
  });

  it('sends the claude-header-defaults fingerprint instead of the built-in one', async () => {
    const defaults = { 'user-agent': 'claude-cli/9.1.0 (external, cli)', 'package-version': '0.99.0', 'runtime-version': 'v24.1.0', os: 'Linux', arch: 'x64', timeout: 300 };
    const client = await start({ 'claude-a@example.com.json': claudeFile('sk-ant-oat01-static', 'unused', Date.now() + 30 * day) }, { 'claude-header-defaults': defaults });
    await ask(client);
    expect(upstream.requests[0]?.headers).toMatchObject({
      'user-agent': 'claude-cli/9.1.0 (external, cli)',
      'x-stainless-package-version': '0.99.0',
      'x-stainless-runtime-version': 'v24.1.0',
      'x-stainless-os': 'Linux',
      'x-stainless-arch': 'x64',
      'x-stainless-timeout': '300',
      'x-stainless-lang': 'js',
    });
  });

  it("moves to the next account when Claude's 5-hour window is exhausted, for every model of that account", async () => {
    const client = await start(
      {
        'claude-a@example.com.json': claudeFile('sk-ant-oat01-first', 'unused', Date.now() + 30 * day),
        'claude-b@example.com.json': claudeFile('sk-ant-oat01-second', 'unused', Date.now() + 30 * day, { email: 'b@example.com' }),
      },
      { routing: { strategy: 'fill-first' } },
    );
    const reset = String(Math.floor(Date.now() / 1000) + 2 * 3600);
    upstream.enqueue({ kind: 'status', status: 429, headers: { 'anthropic-ratelimit-unified-5h-status': 'rejected', 'anthropic-ratelimit-unified-5h-reset': reset } });
    await ask(client);
    await client.chat.completions.create({ model: 'claude-opus-4-6', messages: [{ role: 'user', content: 'Hi' }] });
    expect(upstream.requests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-ant-oat01-first', 'Bearer sk-ant-oat01-second', 'Bearer sk-ant-oat01-second']);
  });

  it('logs in through engine.logins and serves the new account without a restart', async () => {
    const client = await start({});
    const engine = proxy?.engine;
    if (!engine) throw new Error('no engine');
    const { url, state } = await engine.logins.start('anthropic');
    await fetch(oauth.approve(url, { email: 'ui@example.com' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await expect.poll(() => engine.logins.status(state)).toMatchObject({ status: 'ok', email: 'ui@example.com' });
    await expect.poll(() => engine.status().accounts, { timeout: 5000 }).toBe(1);
    await ask(client);
    expect(oauth.isValidAccessToken(upstream.requests[0]?.headers.authorization?.replace('Bearer ', '') ?? '')).toBe(true);
  });

  it('applies auth-dir changes live', async () => {
    const client = await start({});
    expect(proxy?.engine.status().accounts).toBe(0);
    await writeFile(join(proxy?.authDir ?? '', 'claude-new@example.com.json'), JSON.stringify(claudeFile('sk-ant-oat01-new', 'unused', Date.now() + 30 * day)));
    await expect.poll(() => proxy?.engine.status().accounts, { timeout: 5000 }).toBe(1);
    await ask(client);
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer sk-ant-oat01-new');
    await writeFile(join(proxy?.authDir ?? '', 'claude-new@example.com.json'), JSON.stringify(claudeFile('sk-ant-oat01-new', 'unused', Date.now() + 30 * day, { disabled: true })));
    await expect.poll(() => proxy?.engine.status().accounts, { timeout: 5000 }).toBe(0);
  });
});
