import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIFlowOAuthServer, type FakeIFlowOAuthServer } from '../../../test/fakes/fake-iflow-oauth-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { AuthStore } from '../../auth-store/auth-store';
import { testCredential } from '../../routing/test-credential.fixture';
import { iflowAuthFileName } from './iflow-auth-file';
import { buildIFlowRequest, iflowSignature, prepareIFlowBody } from './iflow-executor';
import { startIFlowLogin } from './iflow-login';
import { resolveIFlowOAuthEndpoints, type IFlowOAuthEndpoints } from './iflow-oauth-endpoints';
import { refreshIFlowTokens } from './iflow-token-client';
import { providerByAuthFileType } from '../registry';

let fake: FakeIFlowOAuthServer;
let endpoints: IFlowOAuthEndpoints;

beforeAll(async () => {
  fake = await startFakeIFlowOAuthServer();
  endpoints = resolveIFlowOAuthEndpoints({ authorizeUrl: fake.authorizeUrl, tokenUrl: fake.tokenUrl, userInfoUrl: fake.userInfoUrl }, {});
});
afterAll(() => fake.close());

describe('iFlow executor (docs/providers.md#iflow-executor)', () => {
  it('signs with hex HMAC-SHA256(api key, "iFlow-Cli:<session-id>:<timestamp>")', () => {
    // Reference value from Node's crypto for this key and message.
    expect(iflowSignature('sk-test', 'session-00000000-0000-0000-0000-000000000000', '1700000000000')).toBe('2dafbcf95393b71d20ba2ce8f4420ffd4ebd0d002887cd34bb355ae1eacf87c5');
  });

  it('sends Bearer <api key>, iFlow-Cli, a fresh session id, the ms timestamp and the signature; file headers last', () => {
    const credential = testCredential({ id: 'i', provider: 'iflow', baseUrl: 'https://apis.iflow.cn/v1', apiKey: 'sk-key', headers: { 'X-Team': 'blue' } });
    const call = { operation: 'generate', model: 'glm-4.6', stream: true } as const;
    const first = buildIFlowRequest(credential, call, '{}', {}, () => 1_700_000_000_000);
    const second = buildIFlowRequest(credential, call, '{}', {}, () => 1_700_000_000_000);
    expect(first.url).toBe('https://apis.iflow.cn/v1/chat/completions');
    expect(first.headers).toMatchObject({ authorization: 'Bearer sk-key', 'user-agent': 'iFlow-Cli', accept: 'text/event-stream', 'x-iflow-timestamp': '1700000000000', 'x-team': 'blue' });
    const sessionId = first.headers['session-id'] ?? '';
    expect(sessionId).toMatch(/^session-[0-9a-f-]{36}$/);
    expect(second.headers['session-id']).not.toBe(sessionId);
    expect(first.headers['x-iflow-signature']).toBe(iflowSignature('sk-key', sessionId, '1700000000000'));
  });

  it('gives a stream with an empty tools array the placeholder tool, and leaves other bodies alone', () => {
    const stream: Record<string, unknown> = { stream: true, tools: [] };
    prepareIFlowBody(stream);
    expect(stream.tools).toEqual([{ type: 'function', function: { name: 'noop', description: 'Placeholder tool to stabilise streaming', parameters: { type: 'object' } } }]);
    const plain: Record<string, unknown> = { stream: false, tools: [] };
    prepareIFlowBody(plain);
    expect(plain.tools).toEqual([]);
  });
});

describe('iFlow OAuth (docs/providers.md#iflow-login, docs/providers.md#iflow-refresh, docs/providers.md#iflow-auth-file)', () => {
  it('names files iflow-<email>.json (management) and iflow-<email>-<unix>.json (CLI)', () => {
    expect(iflowAuthFileName('a@b.c', 1_700_000_000_000)).toBe('iflow-a@b.c.json');
    expect(iflowAuthFileName('a@b.c', 1_700_000_000_000, true)).toBe('iflow-a@b.c-1700000000.json');
    expect(iflowAuthFileName('', 1_700_000_000_000)).toBe('iflow-1700000000.json');
  });

  it('builds the authorize URL with redirect (not redirect_uri) and an ifl-<nanos> state; a pasted callback finishes the login', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'iflow-login-'));
    try {
      const login = await startIFlowLogin({ endpoints, store: new AuthStore(folder, { providerByType: providerByAuthFileType }), callbackPort: 0 });
      const url = new URL(login.url);
      expect(url.origin + url.pathname).toBe(fake.authorizeUrl);
      expect(login.state).toMatch(/^ifl-\d{16,}$/);
      expect(url.searchParams.get('redirect')).toBe(`http://localhost:${login.callbackPort}/oauth2callback`);
      expect(url.searchParams.has('code_challenge')).toBe(false);
      expect(login.submitPastedUrl('http://localhost:11451/oauth2callback?code=x&state=ifl-0')).toBe(false);
      const redirect = (await fetch(login.url, { redirect: 'manual' })).headers.get('location') ?? '';
      expect(login.submitPastedUrl(redirect)).toBe(true);
      await expect(login.result).resolves.toEqual({ email: 'ivy@example.com', accountId: 'iflow-ivy@example.com.json' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refresh re-fetches the API key; an unknown refresh token is invalid_grant', async () => {
    const seeded = fake.issue();
    const tokens = await refreshIFlowTokens(endpoints, seeded.refreshToken);
    expect(tokens.apiKey).not.toBe(seeded.apiKey);
    expect(fake.isIssuedApiKey(tokens.apiKey)).toBe(true);
    await expect(refreshIFlowTokens(endpoints, seeded.refreshToken)).rejects.toMatchObject({ name: OAuthRefreshError.name, code: 'invalid_grant' });
  });
});
