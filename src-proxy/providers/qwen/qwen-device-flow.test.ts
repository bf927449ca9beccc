import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeQwenOAuthServer, type FakeQwenOAuthServer } from '../../../test/fakes/fake-qwen-oauth-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { AuthStore } from '../../auth-store/auth-store';
import { pkceChallenge } from '../oauth/pkce';
import { pollQwenToken, QwenDeviceFlowError, refreshQwenTokens, requestQwenDeviceCode } from './qwen-device-flow';
import { buildQwenRequest, prepareQwenBody } from './qwen-executor';
import { startQwenLogin } from './qwen-login';
import { qwenBaseUrl, resolveQwenOAuthEndpoints, type QwenOAuthEndpoints } from './qwen-oauth-endpoints';
import { providerByAuthFileType } from '../registry';

let fake: FakeQwenOAuthServer;
let endpoints: QwenOAuthEndpoints;
let waits: number[];
const sleep = async (ms: number) => {
  waits.push(ms);
};

beforeAll(async () => {
  fake = await startFakeQwenOAuthServer();
  endpoints = resolveQwenOAuthEndpoints({ deviceCodeUrl: fake.deviceCodeUrl, tokenUrl: fake.tokenUrl }, {});
});
afterAll(() => fake.close());
beforeEach(() => {
  waits = [];
  fake.setPollScript(['approve']);
});

describe('Qwen device flow', () => {
  it('requests a device code with the client id, scope and an S256 challenge of a 32-byte verifier', async () => {
    const device = await requestQwenDeviceCode(endpoints);
    const sent = fake.requests.at(-1)?.body as Record<string, string>;
    expect(sent).toMatchObject({ client_id: 'f0304373b74a44d2b584a3fb70ca9e56', scope: 'openid profile email model.completion', code_challenge_method: 'S256' });
    expect(Buffer.from(device.verifier, 'base64url')).toHaveLength(32);
    expect(sent.code_challenge).toBe(pkceChallenge(device.verifier));
    expect(fake.requests.at(-1)?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(device.verificationUriComplete).toContain(`user_code=${device.userCode}`);
  });

  it('keeps polling while pending, stretches the interval by 1.5 on slow_down (at most 10 s) and returns the tokens', async () => {
    fake.setPollScript(['authorization_pending', 'authorization_pending', 'slow_down', 'slow_down', 'approve']);
    const device = await requestQwenDeviceCode(endpoints);
    const tokens = await pollQwenToken({ endpoints, intervalMs: 5000, sleep }, device);
    expect(waits).toEqual([5000, 5000, 5000, 7500, 10000]);
    expect(fake.isValidAccessToken(tokens.accessToken)).toBe(true);
    expect(tokens.resourceUrl).toBe('portal.qwen.ai');
    const poll = fake.requests.at(-1)?.body as Record<string, string>;
    expect(poll).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.deviceCode, code_verifier: device.verifier });
  });

  it('fails clearly when the device code expired or the login was denied, and after the last attempt', async () => {
    fake.setPollScript(['authorization_pending', 'expired_token']);
    const expired = pollQwenToken({ endpoints, sleep }, await requestQwenDeviceCode(endpoints));
    await expect(expired).rejects.toBeInstanceOf(QwenDeviceFlowError);
    await expect(expired).rejects.toMatchObject({ code: 'expired_token', message: expect.stringMatching(/expired.*start the login again/) });
    fake.setPollScript(['access_denied']);
    await expect(pollQwenToken({ endpoints, sleep }, await requestQwenDeviceCode(endpoints))).rejects.toMatchObject({ code: 'access_denied' });
    fake.setPollScript(['authorization_pending']);
    await expect(pollQwenToken({ endpoints, sleep, maxAttempts: 3 }, await requestQwenDeviceCode(endpoints))).rejects.toMatchObject({ code: 'timeout' });
    expect(waits.slice(-3)).toEqual([5000, 5000, 5000]);
  });

  it('refreshes with a form grant, keeps resource_url when the answer has none, and maps invalid_grant', async () => {
    const refreshToken = fake.issueRefreshToken();
    const tokens = await refreshQwenTokens(endpoints, refreshToken, 'old.example');
    expect(fake.requests.at(-1)?.body).toEqual({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'f0304373b74a44d2b584a3fb70ca9e56' });
    expect(tokens.refreshToken).not.toBe(refreshToken);
    await expect(refreshQwenTokens(endpoints, refreshToken)).rejects.toEqual(expect.any(OAuthRefreshError));
    await expect(refreshQwenTokens(endpoints, refreshToken)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('writes qwen-<name>.json in CPA format after approval', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'qwen-login-'));
    try {
      fake.setPollScript(['authorization_pending', 'approve']);
      fake.setResourceUrl('portal.qwen.ai');
      const login = await startQwenLogin({ endpoints, store: new AuthStore(folder, { providerByType: providerByAuthFileType }), name: 'dave', sleep });
      expect(login.state).toMatch(/^gem-\d+$/);
      expect(login.url).toContain(login.userCode);
      const result = await login.result;
      expect(result.accountId).toBe('qwen-dave.json');
      const file = JSON.parse(await readFile(join(folder, 'qwen-dave.json'), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(file).sort()).toEqual(['access_token', 'disabled', 'email', 'expired', 'last_refresh', 'refresh_token', 'resource_url', 'type']);
      expect(file).toMatchObject({ type: 'qwen', email: 'dave', resource_url: 'portal.qwen.ai' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('Qwen executor', () => {
  it('builds the base URL from resource_url', () => {
    expect(qwenBaseUrl('portal.qwen.ai', 'x')).toBe('https://portal.qwen.ai/v1');
    expect(qwenBaseUrl('https://dashscope.aliyuncs.com/compatible-mode/v1/', 'x')).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
    expect(qwenBaseUrl('http://127.0.0.1:9/', 'x')).toBe('http://127.0.0.1:9/v1');
    expect(qwenBaseUrl('', 'https://portal.qwen.ai/v1')).toBe('https://portal.qwen.ai/v1');
  });

  it('sends Qwen Code headers and the Bearer token to {base}/chat/completions', () => {
    const credential = { id: 'a', provider: 'qwen', providerKey: 'qwen', label: 'a', order: 0, prefix: '', priority: 0, baseUrl: 'https://portal.qwen.ai/v1', apiKey: 'tok', proxyUrl: '', headers: {}, models: null, excludedModels: [] };
    const request = buildQwenRequest(credential, { operation: 'generate', model: 'coder-model', stream: true }, '{}', {});
    expect(request.url).toBe('https://portal.qwen.ai/v1/chat/completions');
    expect(request.headers).toMatchObject({ authorization: 'Bearer tok', 'user-agent': 'QwenCode/0.14.2 (darwin; arm64)', 'x-dashscope-authtype': 'qwen-oauth', accept: 'text/event-stream' });
  });

  it('merges system messages into one first message led by an empty cached part and asks a stream for usage', () => {
    const body: Record<string, unknown> = { stream: true, messages: [{ role: 'user', content: 'hi' }, { role: 'system', content: 'be brief' }, { role: 'system', content: [{ type: 'text', text: 'and kind' }] }] };
    prepareQwenBody(body);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: '', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'be brief' }, { type: 'text', text: 'and kind' }] },
      { role: 'user', content: 'hi' },
    ]);
  });
});
