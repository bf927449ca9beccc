/**
 * Security review of the defaults (issue 7): no secret in any log line, request log file, response
 * body or WebSocket frame, on success and failure paths (HTTP and the Responses WebSocket); private
 * file modes; loopback bind and a generated client key on first run; TLS with a certificate made in
 * the test, called by the OpenAI SDK. WebSocket turns ride a GET upgrade, which the request-log capture
 * skips, so today they write no request-log file: their log lines and frames are what is checked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch, request } from 'undici';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { createEngine } from '../../src-proxy/index';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from '../fakes/fake-gemini-upstream';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from '../integration/start-test-engine';
import { isRefusedUpgrade, WebsocketFrameClient } from './websocket-frame-client';

const fixed = {
  secondClientKey: 'sk-second-client-SECRET-5151',
  wrongClientKey: 'sk-wrong-client-SECRET-7777',
  compatKey: 'sk-compat-upstream-SECRET-1111',
  claudeKey: 'sk-ant-api03-SECRET-2222',
  rejectedClaudeKey: 'sk-ant-api03-REJECTED-SECRET-3333',
  geminiKey: 'AIza-gemini-SECRET-4444',
  managementKey: 'mgmt-key-SECRET-6666',
  wrongManagementKey: 'mgmt-wrong-SECRET-8888',
  deadAccessToken: 'sk-ant-oat01-DEAD-ACCESS-SECRET-9999',
};
/** Every secret the suite used, including tokens the fake OAuth server issued along the way. */
const secrets = new Set<string>([testClientKey, ...Object.values(fixed)]);
/** Every response body and header block the suite saw. */
const seen: string[] = [];

let openai: FakeOpenAIUpstream;
let anthropic: FakeAnthropicUpstream;
let keyedAnthropic: FakeAnthropicUpstream;
let gemini: FakeGeminiUpstream;
let oauth: FakeOAuthServer;
let proxy: TestEngine;

beforeAll(async () => {
  [openai, anthropic, keyedAnthropic, gemini, oauth] = await Promise.all([
    startFakeOpenAIUpstream(),
    startFakeAnthropicUpstream({ name: 'oauth' }),
    startFakeAnthropicUpstream({ name: 'keyed', apiKey: fixed.claudeKey }),
    startFakeGeminiUpstream(),
    startFakeOAuthServer(),
  ]);
  oauth.setExpiresIn(24 * 3600);
  const liveRefresh = oauth.issueRefreshToken();
  const deadRefresh = oauth.issueRefreshToken();
  oauth.revoke(deadRefresh);
  secrets.add(liveRefresh).add(deadRefresh);
  const expired = formatAuthTime(Date.now() - 60_000);
  const claudeFile = (accessToken: string, refreshToken: string, prefix: string) => ({
    type: 'claude', access_token: accessToken, refresh_token: refreshToken, expired, email: `${prefix}@example.com`, prefix,
  });
  proxy = await startTestEngine(
    {
      debug: true,
      'request-log': true,
      'request-retry': 0,
      'api-keys': [testClientKey, fixed.secondClientKey],
      'remote-management': { 'secret-key': fixed.managementKey },
      'openai-compatibility': [compatEntry('compat', openai.baseUrl, [fixed.compatKey], { models: [{ name: 'gpt-x', alias: 'via-compat' }] })],
      'claude-api-key': [
        { 'api-key': fixed.claudeKey, 'base-url': keyedAnthropic.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'via-claude-key' }] },
        { 'api-key': fixed.rejectedClaudeKey, 'base-url': keyedAnthropic.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'via-rejected-key' }] },
      ],
      'gemini-api-key': [{ 'api-key': fixed.geminiKey, 'base-url': gemini.baseUrl, models: [{ name: 'gemini-2.5-flash', alias: 'via-gemini' }] }],
    },
    {
      // The live account's access token expired: its first use refreshes. The dead one's refresh is revoked.
      authFiles: { 'claude-live.json': claudeFile('sk-ant-oat01-LIVE-EXPIRED-SECRET', liveRefresh, 'live'), 'claude-dead.json': claudeFile(fixed.deadAccessToken, deadRefresh, 'dead') },
      loginCallbackPort: 0,
      oauthEndpoints: { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, authorizeUrl: oauth.authorizeUrl, apiBase: anthropic.baseUrl } },
    },
  );
  secrets.add('sk-ant-oat01-LIVE-EXPIRED-SECRET');
});

afterAll(async () => {
  await proxy.close();
  await Promise.all([openai.close(), anthropic.close(), keyedAnthropic.close(), gemini.close(), oauth.close()]);
});

async function call(path: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; text: string }> {
  const response = await request(`${proxy.origin}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.body.text();
  seen.push(text, JSON.stringify(response.headers));
  return { status: response.statusCode, text };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const chatBody = (model: string, stream = false) => ({ model, stream, messages: [{ role: 'user', content: 'hi' }] });
const messagesBody = (model: string) => ({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });

/** Adds the tokens now stored in an auth file (issued by a refresh or a login) to the secrets. */
async function rememberTokensOf(fileName: string): Promise<void> {
  const stored = JSON.parse(await readFile(join(proxy.authDir, fileName), 'utf8')) as Record<string, unknown>;
  for (const field of ['access_token', 'refresh_token', 'id_token']) if (typeof stored[field] === 'string' && stored[field] !== '') secrets.add(stored[field] as string);
}

describe('a representative session leaks no secret', () => {
  it('serves and refuses as expected', async () => {
    expect((await call('/v1/chat/completions', { headers: bearer(testClientKey), body: chatBody('via-compat') })).status).toBe(200);
    expect((await call('/v1/chat/completions', { headers: bearer(fixed.secondClientKey), body: chatBody('via-compat', true) })).status).toBe(200);
    expect((await call('/v1/chat/completions', { headers: bearer(fixed.wrongClientKey), body: chatBody('via-compat') })).status).toBe(401);
    expect((await call('/v1/messages', { headers: { 'x-api-key': testClientKey }, body: messagesBody('via-claude-key') })).status).toBe(200);
    expect((await call('/v1/messages', { headers: { 'x-api-key': testClientKey }, body: messagesBody('via-rejected-key') })).status).toBe(401);
    expect((await call(`/v1beta/models/via-gemini:generateContent?key=${testClientKey}`, { body: { contents: [{ parts: [{ text: 'hi' }] }] } })).status).toBe(200);
    expect((await call('/v1/chat/completions', { headers: bearer(testClientKey), body: chatBody('live/claude-sonnet-4-6') })).status).toBe(200);
    await rememberTokensOf('claude-live.json');
    // A dead login is a 403 that says so (docs/errors.md PX_CREDENTIAL_EXPIRED), not a 401.
    expect((await call('/v1/chat/completions', { headers: bearer(testClientKey), body: chatBody('dead/claude-sonnet-4-6') })).status).toBe(403);
  });

  it('management: a login, the key, a wrong key', async () => {
    const { url, state } = await proxy.engine.logins.start('anthropic');
    await fetch(oauth.approve(url, { email: 'new@example.com', accountUuid: 'acc-new', organizationUuid: 'org-new', organizationName: 'New' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await expect.poll(() => proxy.engine.logins.status(state)).toMatchObject({ status: 'ok' });
    const files = await readdir(proxy.authDir);
    for (const name of files) await rememberTokensOf(name);
    expect(files.length).toBe(3);
    expect((await call('/v0/management/auth-files', { headers: bearer(fixed.managementKey) })).status).toBe(200);
    expect((await call('/v0/management/usage', { headers: bearer(fixed.managementKey) })).status).toBe(200);
    expect((await call('/v0/management/control/accounts.list', { headers: bearer(fixed.managementKey), body: {} })).status).toBe(200);
    expect((await call('/v0/management/control/requests.recent', { headers: bearer(fixed.managementKey), body: { limit: 50 } })).status).toBe(200);
    expect((await call('/v0/management/auth-files', { headers: bearer(fixed.wrongManagementKey) })).status).toBe(401);
  });

  it('the Responses WebSocket: keys on the upgrade, upstream keys and OAuth accounts behind it, refusals', async () => {
    const wsUrl = (query = '') => `${proxy.origin.replace(/^http/, 'ws')}/v1/responses${query}`;
    const open = async (query: string, headers: Record<string, string>) => {
      const opened = await WebsocketFrameClient.open(wsUrl(query), headers);
      if (isRefusedUpgrade(opened)) throw new Error(`upgrade refused: ${opened.status}`);
      return opened;
    };
    const refusals = await Promise.all([
      WebsocketFrameClient.open(wsUrl(), bearer(fixed.wrongClientKey)),
      WebsocketFrameClient.open(wsUrl(`?key=${fixed.wrongClientKey}`), {}),
    ]);
    for (const refused of refusals) {
      if (!isRefusedUpgrade(refused)) throw new Error('an upgrade with a wrong key was accepted');
      expect(refused.status).toBe(401);
      seen.push(refused.body);
    }
    const byHeader = await open('', bearer(testClientKey));
    const byQuery = await open(`?key=${fixed.secondClientKey}`, {});
    const lastOf = async (client: WebsocketFrameClient, model: string, extra: Record<string, unknown> = {}) => {
      client.send({ type: 'response.create', model, input: 'hi', ...extra });
      const last = (await client.answer()).at(-1) ?? {};
      return last.type === 'error' ? last.status : last.type;
    };
    expect(await lastOf(byHeader, 'via-compat')).toBe('response.completed');
    expect(await lastOf(byHeader, 'via-claude-key', { generate: false })).toBe('response.completed');
    expect(await lastOf(byHeader, 'via-claude-key')).toBe('response.completed');
    expect(await lastOf(byQuery, 'via-gemini')).toBe('response.completed');
    expect(await lastOf(byQuery, 'live/claude-sonnet-4-6')).toBe('response.completed');
    // The HTTP session's 401 already benched that key: 429 (no account available) or its 401 again.
    expect([401, 429]).toContain(await lastOf(byQuery, 'via-rejected-key'));
    expect(await lastOf(byQuery, 'dead/claude-sonnet-4-6')).toBe(403);
    byQuery.send('{"not json');
    expect((await byQuery.next()).status).toBe(400);
    for (const client of [byHeader, byQuery]) {
      client.socket.close(1000);
      seen.push(...client.rawFrames, JSON.stringify((await client.whenClosed()) ?? {}));
    }
    await rememberTokensOf('claude-live.json');
    expect(proxy.logLines().filter((line) => line.transport === 'websocket').length).toBeGreaterThanOrEqual(7);
  });

  it('no secret in any log line, request log file or response body', async () => {
    const logsDir = join(proxy.configPath, '..', 'logs');
    const logFiles = await readdir(logsDir).catch(() => [] as string[]);
    const fileTexts = await Promise.all(logFiles.map((name) => readFile(join(logsDir, name), 'utf8').then((text) => ({ name, text }))));
    expect(fileTexts.length).toBeGreaterThan(0);
    expect(proxy.logLines().length).toBeGreaterThan(10);
    expect(secrets.size).toBeGreaterThan(12);
    const leaks: string[] = [];
    for (const secret of secrets) {
      if (proxy.rawLogs().includes(secret)) leaks.push(`engine log: ${secret}`);
      for (const { name, text } of fileTexts) if (text.includes(secret)) leaks.push(`logs/${name}: ${secret}`);
      for (const text of seen) if (text.includes(secret)) leaks.push(`response: ${secret}`);
    }
    expect(leaks).toEqual([]);
  });

  it('auth files, the auth-dir, config.yaml and usage.sqlite are private', async () => {
    const folder = join(proxy.configPath, '..');
    const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);
    expect(await modeOf(proxy.authDir)).toBe('700');
    for (const name of await readdir(proxy.authDir)) expect(await modeOf(join(proxy.authDir, name)), name).toBe('600');
    expect(await modeOf(proxy.configPath)).toBe('600');
    expect(await modeOf(join(folder, 'usage.sqlite'))).toBe('600');
  });
});

describe('first run', () => {
  it('writes a private config with a generated client key, binds loopback, and keeps Connect files private', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-first-run-'));
    const configPath = join(folder, 'data', 'config.yaml');
    const engine = await createEngine({ configPath, logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }), overrides: { port: 0 }, homeDir: join(folder, 'home') });
    try {
      const status = await engine.start();
      expect(status.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const written = parse(await readFile(configPath, 'utf8')) as { host?: string; 'api-keys'?: string[] };
      expect(written['api-keys']?.[0]).toMatch(/^sk-cliproxy-[A-Za-z0-9_-]{32}$/);
      expect(['', '127.0.0.1', undefined]).toContain(written.host);
      const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);
      expect(await modeOf(configPath)).toBe('600');
      expect(await modeOf(join(folder, 'data'))).toBe('700');
      await engine.control.invoke('clients.connect', { id: 'claude-code' });
      expect(await modeOf(join(folder, 'data', 'client-connections.json'))).toBe('600');
      expect(await modeOf(join(folder, 'data', 'usage.sqlite'))).toBe('600');
      const health = await request(`${status.baseUrl?.replace(/\/v1$/, '')}/healthz`);
      expect(health.statusCode).toBe(200);
      await health.body.dump();
    } finally {
      await engine.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('TLS', () => {
  it('serves https with a certificate made here, and the OpenAI SDK calls it trusting that CA', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-tls-'));
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const upstream = await startFakeOpenAIUpstream({ name: 'tls' });
    const tlsProxy = await startTestEngine({ tls: { enable: true, cert, key }, 'openai-compatibility': [compatEntry('tls', upstream.baseUrl, ['k'])] });
    try {
      expect(tlsProxy.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1$/);
      const ca = await readFile(cert);
      const trustingCa = new Agent({ connect: { ca } });
      // undici's own fetch with an Agent that trusts the test CA (Node's global fetch types its dispatcher apart).
      type UndiciInit = Parameters<typeof undiciFetch>[1];
      const fetchTrustingCa = (input: string, init?: UndiciInit) => undiciFetch(input, { ...init, dispatcher: trustingCa });
      const client = new OpenAI({ baseURL: tlsProxy.baseUrl, apiKey: testClientKey, maxRetries: 0, fetch: fetchTrustingCa as unknown as typeof fetch });
      const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0]?.message.content).toBe('Hello from tls');
      // Without the CA the same call is refused: the certificate really is checked.
      const untrusting = new OpenAI({ baseURL: tlsProxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
      await expect(untrusting.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow();
      await trustingCa.close();
    } finally {
      await tlsProxy.close();
      await upstream.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
