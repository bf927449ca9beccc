import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * A Claude login whose refresh token the provider refuses (the account needs a new login), and no other
 * account for the model: every client wire gets a 403 in its own error format saying so, never the
 * provider's 401 "Invalid API key", which reads as if the client's own key to the proxy were wrong.
 * First the 401 -> refresh -> invalid_grant path, then the next request, once `needs_relogin` is saved.
 */
const model = 'claude-sonnet-4-6';
const providerMessage = 'Invalid API key';

let oauth: FakeOAuthServer;
let upstream: FakeAnthropicUpstream;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  oauth = await startFakeOAuthServer();
  upstream = await startFakeAnthropicUpstream({ name: 'dead-login' });
});
afterAll(async () => {
  await upstream.close();
  await oauth.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  upstream.reset();
});

async function startWithDeadLogin(): Promise<TestEngine> {
  const refreshToken = oauth.issueRefreshToken({ email: 'a@example.com' });
  oauth.revoke(refreshToken);
  const file = { type: 'claude', access_token: 'sk-ant-oat01-REVOKED-9a9a', refresh_token: refreshToken, expired: formatAuthTime(Date.now() + 86_400_000), email: 'a@example.com' };
  proxy = await startTestEngine(
    { 'request-retry': 0 },
    { authFiles: { 'claude-a@example.com.json': file }, oauthEndpoints: { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, authorizeUrl: oauth.authorizeUrl, apiBase: upstream.baseUrl } } },
  );
  return proxy;
}

interface Wire {
  name: string;
  send(engine: TestEngine): Promise<Response>;
  /** The message and the wire's own error type / status name out of the body. */
  read(body: unknown): { message: string; kind: string };
}

const json = { 'content-type': 'application/json' };
const wires: Wire[] = [
  {
    name: 'OpenAI Chat',
    send: (engine) => fetch(`${engine.baseUrl}/chat/completions`, { method: 'POST', headers: { ...json, authorization: `Bearer ${testClientKey}` }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }) }),
    read: (body) => {
      const error = (body as { error: { message: string; type: string; code: string } }).error;
      return { message: error.message, kind: `${error.type}/${error.code}` };
    },
  },
  {
    name: 'OpenAI Responses',
    send: (engine) => fetch(`${engine.baseUrl}/responses`, { method: 'POST', headers: { ...json, authorization: `Bearer ${testClientKey}` }, body: JSON.stringify({ model, input: 'Hi' }) }),
    read: (body) => {
      const error = (body as { error: { message: string; type: string; code: string } }).error;
      return { message: error.message, kind: `${error.type}/${error.code}` };
    },
  },
  {
    name: 'Anthropic Messages',
    send: (engine) =>
      fetch(`${engine.baseUrl}/messages`, { method: 'POST', headers: { ...json, 'x-api-key': testClientKey, 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }) }),
    read: (body) => {
      const error = (body as { error: { message: string; type: string } }).error;
      return { message: error.message, kind: error.type };
    },
  },
  {
    name: 'Gemini',
    send: (engine) =>
      fetch(`${engine.origin}/v1beta/models/${model}:generateContent`, { method: 'POST', headers: { ...json, 'x-goog-api-key': testClientKey }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }) }),
    read: (body) => {
      const error = (body as { error: { message: string; status: string } }).error;
      return { message: error.message, kind: error.status };
    },
  },
];

const expectedKind: Record<string, string> = {
  'OpenAI Chat': 'permission_error/account_needs_login',
  'OpenAI Responses': 'permission_error/account_needs_login',
  'Anthropic Messages': 'permission_error',
  Gemini: 'PERMISSION_DENIED',
};

async function expectNeedsLogin(wire: Wire, response: Response): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(403);
  expect(text).not.toContain(providerMessage);
  const { message, kind } = wire.read(JSON.parse(text));
  expect(kind).toBe(expectedKind[wire.name]);
  expect(message).toContain("The proxy's account claude a@example.com needs a new login");
  expect(message).toContain('the key you send to this proxy is not the problem');
}

describe('an account whose login is dead, and no other account for the model', () => {
  for (const wire of wires) {
    it(`tells a ${wire.name} client that an account needs a new login (403), not the provider's 401 "Invalid API key"`, async () => {
      const engine = await startWithDeadLogin();
      upstream.enqueue({ kind: 'status', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: providerMessage } } });
      await expectNeedsLogin(wire, await wire.send(engine));
      expect(upstream.requests).toHaveLength(1);
      // The dead login is saved in the file; the next request says the same without asking the provider.
      await expect.poll(async () => (JSON.parse(await readFile(join(engine.authDir, 'claude-a@example.com.json'), 'utf8')) as { needs_relogin?: boolean }).needs_relogin).toBe(true);
      await expect.poll(() => engine.engine.status().accounts).toBe(0);
      await expectNeedsLogin(wire, await wire.send(engine));
      expect(upstream.requests).toHaveLength(1);
    });
  }
});
