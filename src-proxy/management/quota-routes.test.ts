import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUsageServer, type FakeUsageServer } from '../../test/fakes/fake-usage-server';
import { AuthStore } from '../auth-store/auth-store';
import { QuotaService } from '../quota/quota-service';
import type { CredentialOAuth } from '../routing/credential';
import { testCredential } from '../routing/test-credential.fixture';
import { fileAuthIndex } from './auth-file-routes/auth-accounts';
import { registerQuotaRoutes } from './quota-routes';

let usage: FakeUsageServer;
let app: FastifyInstance;
const dispatcher = new Agent();

const oauth = (token: string): CredentialOAuth => ({ accessToken: async () => token, refreshAfterUnauthorized: async () => token, deviceId: '', accountUuid: '' });
const claude = testCredential({ id: 'auth:claude-a.json', provider: 'claude', label: 'claude a@example.com', apiKey: '', oauth: oauth('claude-token') });
const qwen = testCredential({ id: 'auth:qwen-b.json', provider: 'qwen', label: 'qwen b@example.com', apiKey: '', oauth: oauth('qwen-token') });
const apiKey = testCredential({ id: 'openai-compatible:1' });
/** Never scanned: the routes only need its folder for the auth index. */
const authStore = new AuthStore('/srv/cliproxy/auths');
const claudeIndex = fileAuthIndex('claude', join('/srv/cliproxy/auths', 'claude-a.json'));

beforeAll(async () => {
  usage = await startFakeUsageServer();
  const quota = new QuotaService({
    credentials: () => [apiKey, claude, qwen],
    dispatcherFor: () => dispatcher,
    endpoints: { claude: usage.claudeUsageUrl, codex: usage.codexUsageUrl },
  });
  app = Fastify();
  registerQuotaRoutes(app, { quota, authStore });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await usage.close();
  await dispatcher.close();
});

describe('quota routes', () => {
  it('GET /quota lists the OAuth accounts from the cache, without asking any endpoint', async () => {
    const response = await app.inject({ method: 'GET', url: '/v0/management/quota' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      accounts: [
        { id: 'auth:claude-a.json', authIndex: claudeIndex, provider: 'claude', label: 'claude a@example.com', refreshable: true, unknown: null, quota: null, forecasts: [], error: null },
        {
          id: 'auth:qwen-b.json',
          authIndex: fileAuthIndex('qwen', join('/srv/cliproxy/auths', 'qwen-b.json')),
          provider: 'qwen',
          label: 'qwen b@example.com',
          refreshable: false,
          unknown: 'Qwen Code reports no quota: neither its answers nor an endpoint tell what is left.',
          quota: null,
          forecasts: [],
          error: null,
        },
      ],
    });
    expect(usage.requests).toHaveLength(0);
  });

  it('GET /quota/:account?refresh=true asks the usage endpoint (id URL-encoded, file name or auth index); the list then has it', async () => {
    const refreshed = await app.inject({ method: 'GET', url: '/v0/management/quota/auth%3Aclaude-a.json?refresh=true' });
    expect(refreshed.statusCode).toBe(200);
    const { account } = refreshed.json() as { account: { quota: { source: string; windows: Array<{ id: string; usedPercent: number }> } } };
    expect(account.quota.source).toBe('usage-endpoint');
    expect(account.quota.windows.map((window) => [window.id, window.usedPercent])).toEqual([
      ['5h', 24],
      ['7d', 36],
      ['7d-sonnet', 1],
    ]);
    expect(usage.requests).toHaveLength(1);
    const cached = await app.inject({ method: 'GET', url: '/v0/management/quota/claude-a.json' });
    expect(cached.json()).toEqual(refreshed.json());
    const byIndex = await app.inject({ method: 'GET', url: `/v0/management/quota/${claudeIndex}?refresh=true` });
    expect(byIndex.json()).toEqual(refreshed.json());
    const listed = (await app.inject({ method: 'GET', url: '/v0/management/quota' })).json() as { accounts: Array<{ id: string; quota: unknown }> };
    expect(listed.accounts[0]?.quota).toEqual(account.quota);
    expect(usage.requests).toHaveLength(1);
  });

  it('404 for an unknown account, 400 for a refresh of an account without a usage endpoint', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/v0/management/quota/nobody.json?refresh=true' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'account not found' });
    const qwenRefresh = await app.inject({ method: 'GET', url: '/v0/management/quota/qwen-b.json?refresh=true' });
    expect(qwenRefresh.statusCode).toBe(400);
    expect(qwenRefresh.json()).toEqual({ error: 'quota refresh is only available for accounts whose provider has a usage endpoint (Claude, Codex and Gemini CLI logins)' });
  });

  it('without a quota service the routes do not exist', async () => {
    const bare = Fastify();
    registerQuotaRoutes(bare, { authStore });
    expect((await bare.inject({ method: 'GET', url: '/v0/management/quota' })).statusCode).toBe(404);
    await bare.close();
  });
});
