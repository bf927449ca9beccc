import OpenAI from 'openai';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(config: (upstream: FakeOpenAIUpstream) => Record<string, unknown>) {
  const upstream = await startFakeOpenAIUpstream({ name: 'up' });
  cleanups.push(() => upstream.close());
  const proxy = await startTestEngine(config(upstream));
  cleanups.push(() => proxy.close());
  const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
  return { upstream, proxy, client };
}

const chat = (client: OpenAI, model = 'm') => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
const keysUsed = (upstream: FakeOpenAIUpstream) => upstream.requests.map((seen) => seen.headers.authorization?.replace('Bearer ', ''));

describe('selection across accounts', () => {
  it('round-robin takes turns across the keys of an entry', async () => {
    const { upstream, client } = await setup((up) => ({ 'openai-compatibility': [compatEntry('pool', up.baseUrl, ['k1', 'k2', 'k3'])] }));
    for (let index = 0; index < 4; index += 1) await chat(client);
    expect(keysUsed(upstream)).toEqual(['k1', 'k2', 'k3', 'k1']);
  });

  it('fill-first uses the first account until it fails, then the next', async () => {
    const { upstream, client } = await setup((up) => ({
      routing: { strategy: 'fill-first' },
      'openai-compatibility': [compatEntry('pool', up.baseUrl, ['k1', 'k2'])],
    }));
    await chat(client);
    await chat(client);
    upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '60' } });
    await chat(client);
    await chat(client);
    expect(keysUsed(upstream)).toEqual(['k1', 'k1', 'k1', 'k2', 'k2']);
  });
});

describe('failover', () => {
  it.each([
    ['a 500', { kind: 'status', status: 500 } as const],
    ['a 429', { kind: 'status', status: 429, headers: { 'retry-after': '30' } } as const],
    ['a 401 (bad upstream key)', { kind: 'status', status: 401 } as const],
    ['a connection reset before headers', { kind: 'reset-before-headers' } as const],
  ])('retries %s on the next account and the client sees success', async (_name, step) => {
    const { upstream, client, proxy } = await setup((up) => ({ routing: { strategy: 'fill-first' }, 'openai-compatibility': [compatEntry('pool', up.baseUrl, ['k1', 'k2'])] }));
    upstream.enqueue(step);
    const completion = await chat(client);
    expect(completion.choices[0]?.message.content).toBe('Hello from up');
    expect(keysUsed(upstream)).toEqual(['k1', 'k2']);
    const line = proxy.logLines().find((entry) => entry.route === '/v1/chat/completions');
    expect(line).toMatchObject({ status: 200, retries: 1, credential: 'pool #2' });
  });

  it('a stream that fails before its first byte is retried on another account', async () => {
    const { upstream, client } = await setup((up) => ({ routing: { strategy: 'fill-first' }, 'openai-compatibility': [compatEntry('pool', up.baseUrl, ['k1', 'k2'])] }));
    upstream.enqueue({ kind: 'status', status: 503 });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from up');
    expect(keysUsed(upstream)).toEqual(['k1', 'k2']);
  });

  it('a stream is not retried after its first byte: the client gets an in-stream error', async () => {
    const { upstream, proxy } = await setup((up) => ({ 'openai-compatibility': [compatEntry('pool', up.baseUrl, ['k1', 'k2'])] }));
    upstream.enqueue({ kind: 'reset-mid-stream', afterChunks: 2 });
    const response = await request(`${proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.body.text();
    expect(response.statusCode).toBe(200);
    const events = text.split('\n\n').filter(Boolean);
    expect(events.slice(0, 2).every((event) => event.startsWith('data: {"id"'))).toBe(true);
    expect(JSON.parse(events.at(-1)?.replace('data: ', '') ?? '{}')).toMatchObject({ error: { type: 'server_error' } });
    expect(upstream.requests).toHaveLength(1);
  });

  it('when every account is cooling down the client gets 429 with Retry-After', async () => {
    const { upstream, proxy } = await setup((up) => ({ 'max-retry-interval': 1, 'openai-compatibility': [compatEntry('pool', up.baseUrl, ['k1', 'k2'])] }));
    upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '120' } }, { kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const send = () =>
      request(`${proxy.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
    const first = await send();
    expect(first.statusCode).toBe(429);
    await first.body.dump();
    const second = await send();
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(100);
    expect(await second.body.json()).toMatchObject({ error: { code: 'model_cooldown', type: 'rate_limit_error' } });
    expect(upstream.requests).toHaveLength(2);
  });

  it('a brief rate limit on every account is waited out within max-retry-interval', async () => {
    const { upstream, client } = await setup((up) => ({ 'openai-compatibility': [compatEntry('solo', up.baseUrl, ['k1'])] }));
    upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const completion = await chat(client);
    expect(completion.choices[0]?.message.content).toBe('Hello from up');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(upstream.requests).toHaveLength(2);
  });
});

describe('model addressing', () => {
  async function twoEntries() {
    const second = await startFakeOpenAIUpstream({ name: 'second' });
    cleanups.push(() => second.close());
    const setupResult = await setup((up) => ({
      'force-model-prefix': true,
      'openai-compatibility': [
        compatEntry('main', up.baseUrl, ['k1'], { 'excluded-models': ['*-preview'] }),
        compatEntry('team', second.baseUrl, ['k2'], { prefix: 'team' }),
      ],
    }));
    return { ...setupResult, second };
  }

  it('prefix/model reaches only the prefixed entry, which sees the bare model name', async () => {
    const { upstream, second, client } = await twoEntries();
    const viaPrefix = await chat(client, 'team/gpt-x');
    expect(viaPrefix.choices[0]?.message.content).toBe('Hello from second');
    expect(second.requests[0]?.body).toMatchObject({ model: 'gpt-x' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('force-model-prefix keeps plain names away from prefixed entries; excluded models are refused', async () => {
    const { upstream, second, client } = await twoEntries();
    expect((await chat(client, 'gpt-x')).choices[0]?.message.content).toBe('Hello from up');
    const refused = await chat(client, 'gpt-5-preview').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.NotFoundError);
    expect(upstream.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(0);
  });
});

describe('client abort', () => {
  it('closing the client connection aborts the upstream request', async () => {
    const { upstream, proxy } = await setup((up) => ({ 'openai-compatibility': [compatEntry('slow', up.baseUrl, ['k1'])] }));
    upstream.enqueue({ kind: 'slow-stream', chunks: 50, chunkDelayMs: 100 });
    const controller = new AbortController();
    const response = await request(`${proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    for await (const _chunk of response.body) {
      controller.abort();
      break;
    }
    await expect.poll(() => upstream.requests[0]?.aborted, { timeout: 3000 }).toBe(true);
  });
});
