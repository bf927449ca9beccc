import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Anthropic from '@anthropic-ai/sdk';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { parseConfigText } from '../../src-proxy/config/load-config';
import { createRuntime } from '../../src-proxy/engine/create-runtime';
import { OAuthAccounts } from '../../src-proxy/engine/oauth-accounts';
import { DispatcherPool } from '../../src-proxy/http/create-dispatcher';
import { createLogger } from '../../src-proxy/logging/create-logger';
import { fileAuthIndex } from '../../src-proxy/management/auth-file-routes/auth-accounts';
import { createFakeControlApi } from '../../src-proxy/management/create-fake-control-api.fixture';
import { registerQuotaRoutes, type QuotaRouteEntry } from '../../src-proxy/management/quota-routes';
import { QuotaService } from '../../src-proxy/quota/quota-service';
import type { AccountQuotaEntry } from '../../src-proxy/quota/quota-types';
import { CredentialHealth } from '../../src-proxy/routing/credential-health';
import { CredentialSelector } from '../../src-proxy/routing/credential-selector';
import { buildEngineServer as buildServer } from '../../src-proxy/engine/build-engine-server';
import type { Runtime, ServerDeps } from '../../src-proxy/server/server-deps';
import { buildMessageBody, planReply } from '../fakes/fake-anthropic-bodies';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeUsageServer, type FakeUsageServer } from '../fakes/fake-usage-server';

/**
 * Quota per account end to end: the Anthropic SDK through a Claude OAuth account to the fake Anthropic
 * upstream, which answers with Anthropic's unified rate-limit headers; the pipeline's
 * onUpstreamResponse hook feeds QuotaService; `/v0/management/quota` (behind the management guard) then
 * shows the windows. A Codex account with an expired token is refreshed through the fake OAuth server
 * before the fake usage endpoint is asked. The server is assembled here the way the engine will wire it.
 */
const clientKey = 'sk-quota-client-key-0123456789';
const managementKey = 'quota-management-secret';
const day = 86_400_000;

let upstream: FakeAnthropicUpstream;
let oauth: FakeOAuthServer;
let usage: FakeUsageServer;
let folder: string;
let app: FastifyInstance;
let origin: string;
let dispatchers: DispatcherPool;
let authDir: string;

function idToken(email: string, accountId: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ email, 'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_plan_type: 'pro' } })}.sig`;
}

beforeAll(async () => {
  upstream = await startFakeAnthropicUpstream({ name: 'quota' });
  oauth = await startFakeOAuthServer();
  oauth.setExpiresIn(30 * 24 * 3600);
  usage = await startFakeUsageServer({ isValidToken: (token) => oauth.isValidAccessToken(token) });
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-quota-'));
  authDir = join(folder, 'auths');
  await mkdir(authDir, { recursive: true, mode: 0o700 });
  const common = { last_refresh: formatAuthTime(Date.now()), disabled: false };
  await writeFile(
    join(authDir, 'claude-a.json'),
    JSON.stringify({ type: 'claude', access_token: 'sk-ant-oat01-quota', refresh_token: 'unused', expired: formatAuthTime(Date.now() + 30 * day), email: 'a@example.com', ...common }),
  );
  // Expired: the usage ask must refresh it first (fake OAuth), then use the new token.
  await writeFile(
    join(authDir, 'codex-b.json'),
    JSON.stringify({
      type: 'codex',
      access_token: 'codex-access-expired',
      refresh_token: oauth.issueRefreshToken({ email: 'b@example.com', chatgptAccountId: 'acct-b', planType: 'pro' }),
      id_token: idToken('b@example.com', 'acct-b'),
      account_id: 'acct-b',
      email: 'b@example.com',
      expired: formatAuthTime(Date.now() - 60_000),
      ...common,
    }),
  );
  const yaml = stringify({ host: '127.0.0.1', 'api-keys': [clientKey], 'auth-dir': authDir, 'request-retry': 0, 'remote-management': { 'secret-key': managementKey } });
  const loaded = parseConfigText(yaml, { configDir: folder });
  if (!loaded.ok) throw new Error('test config is invalid');
  const logger = createLogger({ debug: false, destination: new Writable({ write: (_chunk, _encoding, callback) => callback() }) });
  const accounts = new OAuthAccounts(authDir, logger, {
    claude: { apiBase: upstream.baseUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl },
    codex: { tokenUrl: oauth.codexTokenUrl },
  });
  await accounts.store.rescan();
  const runtime: Runtime = createRuntime(loaded.config, accounts.credentials(loaded.config));
  dispatchers = new DispatcherPool();
  // The engine's wiring: one service, fed by the pipeline hook, read by the management routes.
  const quota = new QuotaService({
    credentials: () => runtime.credentials,
    dispatcherFor: (credential) => dispatchers.get(credential.proxyUrl, runtime.config.proxyUrl),
    endpoints: { claude: usage.claudeUsageUrl, codex: usage.codexUsageUrl },
  });
  const deps: ServerDeps = {
    getRuntime: () => runtime,
    logger,
    health: new CredentialHealth(),
    selector: new CredentialSelector(),
    dispatchers,
    onRequestFinished: () => undefined,
    onUpstreamResponse: quota.observeResponse,
    now: Date.now,
    sleep: async () => undefined,
    startedAt: Math.floor(Date.now() / 1000),
  };
  app = buildServer({ deps, control: createFakeControlApi() });
  registerQuotaRoutes(app, { quota, authStore: accounts.store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await dispatchers.close();
  await Promise.all([upstream.close(), oauth.close(), usage.close()]);
  await rm(folder, { recursive: true, force: true });
});
afterEach(() => {
  upstream.reset();
});

async function management(path: string, key: string | null = managementKey): Promise<Response> {
  return fetch(`${origin}/v0/management${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

async function claudeEntry(): Promise<QuotaRouteEntry | undefined> {
  const { accounts } = (await (await management('/quota')).json()) as { accounts: QuotaRouteEntry[] };
  return accounts.find((account) => account.id === 'auth:claude-a.json');
}

const client = () => new Anthropic({ baseURL: origin, apiKey: clientKey, maxRetries: 0 });
const reply = buildMessageBody(planReply({ serial: 1, body: { model: 'claude-sonnet-4-6' }, defaultText: 'Hello with quota' }));

describe('quota per account', () => {
  it('needs the management key', async () => {
    expect((await management('/quota', null)).status).toBe(401);
  });

  it('a Claude response with unified headers shows its 5h and weekly windows in GET /quota', async () => {
    expect((await claudeEntry())?.quota).toBeNull();
    upstream.enqueue({
      kind: 'status',
      status: 200,
      body: reply,
      headers: {
        'anthropic-ratelimit-unified-status': 'allowed',
        'anthropic-ratelimit-unified-5h-utilization': '0.42',
        'anthropic-ratelimit-unified-5h-reset': '1790814600',
        'anthropic-ratelimit-unified-5h-status': 'allowed',
        'anthropic-ratelimit-unified-7d-utilization': '0.81',
        'anthropic-ratelimit-unified-7d-reset': '1791244800',
        'anthropic-ratelimit-unified-7d-status': 'allowed_warning',
      },
    });
    const message = await client().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello with quota' });
    const entry = await claudeEntry();
    expect(entry).toMatchObject({ provider: 'claude', label: 'claude a@example.com', refreshable: true, error: null });
    expect(entry?.quota?.source).toBe('headers');
    expect(entry?.quota?.windows).toEqual([
      { id: '5h', label: '5-hour', usedPercent: 42, resetsAt: 1_790_814_600_000, status: 'ok' },
      { id: '7d', label: 'Weekly', usedPercent: 81, resetsAt: 1_791_244_800_000, status: 'warning' },
    ]);
    // The auth index GET /auth-files shows for the file finds the same entry.
    const authIndex = fileAuthIndex('claude', join(authDir, 'claude-a.json'));
    expect(entry?.authIndex).toBe(authIndex);
    expect(((await (await management(`/quota/${authIndex}`)).json()) as { account: unknown }).account).toEqual(entry);
  });

  it('a 429 that rejects the 5h window shows it as rejected', async () => {
    upstream.enqueue({
      kind: 'status',
      status: 429,
      headers: {
        'anthropic-ratelimit-unified-status': 'rejected',
        'anthropic-ratelimit-unified-5h-utilization': '1',
        'anthropic-ratelimit-unified-5h-reset': '1790814600',
        'anthropic-ratelimit-unified-5h-status': 'rejected',
      },
    });
    await expect(client().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] })).rejects.toMatchObject({ status: 429 });
    expect((await claudeEntry())?.quota?.windows).toEqual([{ id: '5h', label: '5-hour', usedPercent: 100, resetsAt: 1_790_814_600_000, status: 'rejected' }]);
  });

  it('refresh=true on a Codex account with an expired token: refreshed first, then wham/usage with the new token', async () => {
    const response = await management('/quota/codex-b.json?refresh=true');
    expect(response.status).toBe(200);
    const { account } = (await response.json()) as { account: AccountQuotaEntry };
    expect(account.error).toBeNull();
    expect(account.quota).toMatchObject({ source: 'usage-endpoint', plan: 'pro' });
    expect(account.quota?.windows.map((window) => window.id)).toEqual(['primary', 'secondary']);
    const asked = usage.requests.at(-1);
    expect(asked?.path).toBe('/backend-api/wham/usage');
    expect(asked?.headers['chatgpt-account-id']).toBe('acct-b');
    expect(asked?.headers.authorization).not.toBe('Bearer codex-access-expired');
    expect(oauth.isValidAccessToken(asked?.headers.authorization?.replace('Bearer ', '') ?? '')).toBe(true);
    expect(JSON.stringify(account)).not.toContain(asked?.headers.authorization?.replace('Bearer ', '') ?? 'none');
  });
});
