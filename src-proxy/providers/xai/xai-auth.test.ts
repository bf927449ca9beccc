import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeXaiOAuthServer, type FakeXaiOAuthServer } from '../../../test/fakes/fake-xai-oauth-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { parseAuthData, type AuthRecord } from '../../auth-store/auth-record';
import type { CredentialOAuth } from '../../routing/credential';
import { providerByAuthFileType } from '../registry';
import { xaiAuth } from './xai-auth';
import { createXaiRefresh, xaiAuthFileName } from './xai-auth-file';
import { pollXaiToken, requestXaiDeviceCode, XaiDeviceFlowError } from './xai-device-flow';
import { buildXaiRequest, grokCliHeaders } from './xai-executor';
import { checkDiscoveredEndpoint, defaultXaiOAuthEndpoints, resolveXaiOAuthEndpoints, type XaiOAuthEndpoints } from './xai-oauth-endpoints';

let fake: FakeXaiOAuthServer;
let endpoints: XaiOAuthEndpoints;
let folder: string;

beforeAll(async () => {
  fake = await startFakeXaiOAuthServer();
  endpoints = resolveXaiOAuthEndpoints({ discoveryUrl: fake.discoveryUrl, apiBase: 'https://api.example.test/v1', chatProxyBase: 'https://chat.example.test/v1', pollIntervalMs: 5 }, {});
  folder = await mkdtemp(join(tmpdir(), 'xai-auth-'));
});
afterAll(async () => {
  await fake.close();
  await rm(folder, { recursive: true, force: true });
});

function record(data: Record<string, unknown>): AuthRecord {
  const parsed = parseAuthData('xai-a.json', { type: 'xai', ...data }, providerByAuthFileType);
  if (!parsed.ok) throw new Error('unparsable');
  return parsed.record;
}

const tokenSource = (): CredentialOAuth => ({ accessToken: async () => 't', refreshAfterUnauthorized: async () => 't', deviceId: '', accountUuid: '' });

function credentialOf(data: Record<string, unknown>) {
  const [credential] = xaiAuth.bind(endpoints, {}).credentials(record(data), { config: { oauthModelAlias: {}, oauthExcludedModels: {} }, tokenSource });
  if (!credential) throw new Error('no credential');
  return credential;
}

describe('xAI credentials and requests (docs/providers.md#xai-executor)', () => {
  it('a login chats through the chat proxy with the Grok CLI identity; the file\'s own headers come last', () => {
    const credential = credentialOf({ auth_kind: 'oauth', base_url: endpoints.apiBase, headers: { 'X-Grok-Client-Version': '9.9' } });
    expect(credential).toMatchObject({ provider: 'xai', providerKey: 'xai', baseUrl: endpoints.chatProxyBase });
    const request = buildXaiRequest({ ...credential, apiKey: 'tok' }, { operation: 'generate', model: 'grok-4.6', stream: false, cloak: { sessionId: 'conv-1', requestId: 'r' } }, '{}', {});
    expect(request.url).toBe('https://chat.example.test/v1/responses');
    expect(request.headers).toEqual({ 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer tok', 'x-grok-conv-id': 'conv-1', ...grokCliHeaders, 'x-grok-client-version': '9.9' });
  });

  it('using_api: true, a base_url of its own, or a file that is not an OAuth login goes to that URL without the CLI identity', () => {
    expect(credentialOf({ auth_kind: 'oauth', using_api: true, base_url: '' }).baseUrl).toBe(endpoints.apiBase);
    expect(credentialOf({ auth_kind: 'oauth', using_api: 'TRUE', base_url: 'https://relay.test/v1/' }).baseUrl).toBe('https://relay.test/v1');
    const relay = credentialOf({ auth_kind: 'oauth', base_url: 'https://relay.test/v1' });
    expect(relay.baseUrl).toBe('https://relay.test/v1');
    expect(relay.headers).toEqual({});
    expect(credentialOf({ base_url: '' }).baseUrl).toBe(endpoints.apiBase);
    expect(credentialOf({ auth_kind: 'oauth', using_api: 'false' }).baseUrl).toBe(endpoints.chatProxyBase);
  });

  it('resolves endpoints from defaults, then the environment, then options (the poll interval too)', () => {
    expect(resolveXaiOAuthEndpoints({}, {})).toEqual(defaultXaiOAuthEndpoints);
    const environment = { CLIPROXY_XAI_CHAT_PROXY_URL: 'http://127.0.0.1:9/v1/', CLIPROXY_XAI_POLL_INTERVAL_MS: '25' };
    expect(resolveXaiOAuthEndpoints({}, environment)).toMatchObject({ chatProxyBase: 'http://127.0.0.1:9/v1', pollIntervalMs: 25, apiBase: 'https://api.x.ai/v1' });
    expect(resolveXaiOAuthEndpoints({ pollIntervalMs: 7 }, environment).pollIntervalMs).toBe(7);
    expect(resolveXaiOAuthEndpoints({}, { CLIPROXY_XAI_POLL_INTERVAL_MS: 'soon' }).pollIntervalMs).toBe(5000);
  });

  it('names files by email, else sub, else the time, with unsafe characters replaced as CPA does', () => {
    expect(xaiAuthFileName('a.b@x.ai', 'sub-1', 5)).toBe('xai-a.b@x.ai.json');
    expect(xaiAuthFileName('', ' user/1 ', 5)).toBe('xai-user-1.json');
    expect(xaiAuthFileName(' ', '', 1700000000000)).toBe('xai-1700000000000.json');
  });
});

describe('xAI device flow and refresh (docs/providers.md#xai-login, docs/providers.md#xai-refresh)', () => {
  it('refuses discovered endpoints off x.ai (or, for a moved discovery URL, off its origin)', () => {
    const official = defaultXaiOAuthEndpoints.discoveryUrl;
    expect(checkDiscoveredEndpoint('https://auth.x.ai/oauth2/token', 'token_endpoint', official)).toBe('https://auth.x.ai/oauth2/token');
    expect(() => checkDiscoveredEndpoint('http://auth.x.ai/oauth2/token', 'token_endpoint', official)).toThrow('not an https x.ai host');
    expect(() => checkDiscoveredEndpoint('https://evil.example/x.ai', 'token_endpoint', official)).toThrow('not an https x.ai host');
    expect(() => checkDiscoveredEndpoint('https://auth.x.ai.evil.example/t', 'token_endpoint', official)).toThrow();
    expect(() => checkDiscoveredEndpoint('http://127.0.0.2:1/t', 'token_endpoint', fake.discoveryUrl)).toThrow('not the discovery origin');
  });

  it('polls at once, waits on authorization_pending, adds the least interval on slow_down, and reports access_denied', async () => {
    fake.setPollScript(['authorization_pending', 'slow_down', 'approve']);
    const waits: number[] = [];
    const device = await requestXaiDeviceCode(endpoints);
    expect(device.tokenEndpoint).toBe(fake.tokenUrl);
    const tokens = await pollXaiToken({ minIntervalMs: 5, sleep: async (ms) => void waits.push(ms) }, device);
    expect(waits).toEqual([5, 10]);
    expect(tokens).toMatchObject({ email: 'grok.user@example.com', subject: expect.stringMatching(/^user-/), expiresIn: 3600, tokenType: 'Bearer' });
    fake.setPollScript(['access_denied']);
    const denied = await requestXaiDeviceCode(endpoints);
    await expect(pollXaiToken({ minIntervalMs: 5, sleep: async () => undefined }, denied)).rejects.toEqual(new XaiDeviceFlowError('The login was denied in the browser.', 'access_denied'));
  });

  it('stops at the device code\'s end without asking again', async () => {
    fake.setPollScript(['authorization_pending']);
    fake.setDeviceExpiresIn(10);
    const device = await requestXaiDeviceCode(endpoints);
    fake.setDeviceExpiresIn(900);
    let clock = 0;
    const failure = pollXaiToken({ minIntervalMs: 6000, now: () => clock, sleep: async (ms) => void (clock += ms) }, device);
    await expect(failure).rejects.toMatchObject({ code: 'expired_token' });
    expect(clock).toBe(12000);
  });

  it('refresh rotates the tokens, keeps what the answer leaves out, discovers a missing token endpoint and reports invalid_grant', async () => {
    const refresh = createXaiRefresh(endpoints, () => Date.UTC(2026, 0, 1));
    const { refresh_token } = fake.issueTokens();
    const fields = await refresh(record({ refresh_token, token_endpoint: '', base_url: '' }));
    expect(fields).toMatchObject({ type: 'xai', auth_kind: 'oauth', token_endpoint: fake.tokenUrl, base_url: endpoints.apiBase, expires_in: 3600, expired: '2026-01-01T01:00:00Z', last_refresh: '2026-01-01T00:00:00Z' });
    expect(fake.isValidAccessToken(String(fields.access_token))).toBe(true);
    await expect(refresh(record({ refresh_token, token_endpoint: fake.tokenUrl }))).rejects.toEqual(new OAuthRefreshError('The xAI refresh token was rejected (invalid_grant)', 'invalid_grant'));
  });
});
