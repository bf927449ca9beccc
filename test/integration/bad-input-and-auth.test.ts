import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

let upstream: FakeOpenAIUpstream;
let proxy: TestEngine;
const upstreamKey = 'sk-upstream-secret-value-42';

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  proxy = await startTestEngine({
    'body-limit-mb': 1,
    'openai-compatibility': [compatEntry('fake', upstream.baseUrl, [upstreamKey])],
    payload: {
      default: [{ models: [{ name: 'tuned-*' }], params: { temperature: 0.2, 'metadata.source': 'proxy' } }],
      override: [{ models: [{ name: 'tuned-*', protocol: 'openai' }], params: { max_tokens: 64 } }],
      filter: [{ models: [{ name: 'tuned-*' }], params: ['user'] }],
    },
  });
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return request(`${proxy.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

async function expectOpenAIError(responsePromise: ReturnType<typeof post>, status: number, messagePart: string) {
  const response = await responsePromise;
  expect(response.statusCode).toBe(status);
  const body = (await response.body.json()) as { error: { message: string; type: string } };
  expect(body.error.message).toContain(messagePart);
  expect(typeof body.error.type).toBe('string');
}

describe('bad input gets a clear OpenAI-format error and reaches no upstream', () => {
  it('malformed JSON -> 400', async () => {
    await expectOpenAIError(post('/v1/chat/completions', '{"model": "m", "messages": [}'), 400, 'not valid JSON');
  });

  it('wrong types -> 400 naming the field', async () => {
    await expectOpenAIError(post('/v1/chat/completions', JSON.stringify({ model: 42, messages: [] })), 400, 'model');
    await expectOpenAIError(post('/v1/chat/completions', JSON.stringify({ model: 'm', messages: 'hi' })), 400, 'messages');
    await expectOpenAIError(post('/v1/chat/completions', JSON.stringify({ model: 'm', messages: [{ role: 'user' }], stream: 'yes' })), 400, 'stream');
  });

  it('a JSON array or empty body -> 400', async () => {
    await expectOpenAIError(post('/v1/chat/completions', '[1,2]'), 400, 'JSON object');
    await expectOpenAIError(post('/v1/chat/completions', ''), 400, 'JSON');
  });

  it('a body over the limit -> 413', async () => {
    const huge = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(1_200_000) }] });
    await expectOpenAIError(post('/v1/chat/completions', huge), 413, 'limit');
  });

  it('an unknown route -> 404 in OpenAI format', async () => {
    await expectOpenAIError(post('/v1/nothing-here', '{}'), 404, '/v1/nothing-here');
  });

  it('nothing above reached the upstream', () => {
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('client keys', () => {
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });

  it.each([
    ['x-api-key', { authorization: '', 'x-api-key': testClientKey }, ''],
    ['x-goog-api-key', { authorization: '', 'x-goog-api-key': testClientKey }, ''],
    ['?key=', { authorization: '' }, `?key=${testClientKey}`],
  ])('accepts the key from %s', async (_name, headers, query) => {
    const cleaned = Object.fromEntries(Object.entries(headers).filter(([, value]) => value));
    const response = await request(`${proxy.origin}/v1/chat/completions${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...cleaned },
      body,
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  });

  it('a missing key -> 401 saying so', async () => {
    const response = await request(`${proxy.origin}/v1/models`);
    expect(response.statusCode).toBe(401);
    expect(await response.body.json()).toMatchObject({ error: { type: 'authentication_error', message: expect.stringContaining('Missing') } });
  });

  it('health needs no key', async () => {
    const response = await request(`${proxy.origin}/healthz`);
    expect(await response.body.json()).toEqual({ status: 'ok' });
  });

  it('answers CORS preflight on inference routes only', async () => {
    const preflight = await request(`${proxy.origin}/v1/chat/completions`, { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    await preflight.body.dump();
  });
});

describe('payload rules', () => {
  it('default fills missing fields, override replaces, filter removes', async () => {
    upstream.reset();
    const response = await post('/v1/chat/completions', JSON.stringify({ model: 'tuned-1', temperature: 0.9, max_tokens: 4000, user: 'u1', messages: [{ role: 'user', content: 'hi' }] }));
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    expect(upstream.requests[0]?.body).toMatchObject({ temperature: 0.9, max_tokens: 64, metadata: { source: 'proxy' } });
    expect(upstream.requests[0]?.body).not.toHaveProperty('user');
  });
});

describe('logs', () => {
  it('write one line per request with route, model, status and latency, and never a secret', () => {
    const lines = proxy.logLines().filter((line) => line.msg === 'request');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.find((line) => line.model === 'tuned-1')).toMatchObject({ route: '/v1/chat/completions', status: 200, credential: 'fake' });
    const everything = proxy.rawLogs();
    expect(everything).not.toContain(upstreamKey);
    expect(everything).not.toContain(testClientKey);
  });
});
