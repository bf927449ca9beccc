import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { startTestEngine, testClientKey } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(routing: Record<string, unknown>, keys: Array<{ 'api-key': string; weight?: number }>) {
  const upstream = await startFakeOpenAIUpstream({ name: 'up' });
  cleanups.push(() => upstream.close());
  const proxy = await startTestEngine({ routing, 'openai-compatibility': [{ name: 'pool', 'base-url': upstream.baseUrl, 'api-key-entries': keys }] });
  cleanups.push(() => proxy.close());
  const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
  return { upstream, client };
}

const chat = (client: OpenAI, session?: string) =>
  client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, session ? { headers: { 'x-session-id': session } } : {});
const keysUsed = (upstream: FakeOpenAIUpstream) => upstream.requests.map((seen) => seen.headers.authorization?.replace('Bearer ', ''));

describe('a CPA config with routing.strategy: weighted-round-robin', () => {
  it('starts and spreads requests by each key\'s weight, skipping weight 0', async () => {
    const { upstream, client } = await setup({ strategy: 'weighted-round-robin' }, [{ 'api-key': 'heavy', weight: 3 }, { 'api-key': 'light' }, { 'api-key': 'off', weight: 0 }]);
    for (let index = 0; index < 8; index += 1) await chat(client);
    expect(keysUsed(upstream)).toEqual(['heavy', 'heavy', 'light', 'heavy', 'heavy', 'heavy', 'light', 'heavy']);
  });

  it('fails over to the other key when the picked one fails', async () => {
    const { upstream, client } = await setup({ strategy: 'wrr' }, [{ 'api-key': 'heavy', weight: 3 }, { 'api-key': 'light', weight: 1 }]);
    upstream.enqueue({ kind: 'status', status: 500 });
    await chat(client);
    expect(keysUsed(upstream)).toEqual(['heavy', 'light']);
  });
});

describe('routing.session-affinity', () => {
  it('keeps each session on one key, and moves it for good when that key fails', async () => {
    const { upstream, client } = await setup({ strategy: 'round-robin', 'session-affinity': true, 'session-affinity-ttl': '1h' }, [{ 'api-key': 'k1' }, { 'api-key': 'k2' }, { 'api-key': 'k3' }]);
    await chat(client, 'alpha');
    await chat(client, 'beta');
    await chat(client, 'alpha');
    await chat(client, 'beta');
    expect(keysUsed(upstream)).toEqual(['k1', 'k2', 'k1', 'k2']);
    upstream.enqueue({ kind: 'status', status: 503 });
    await chat(client, 'alpha');
    await chat(client, 'alpha');
    // k1 failed (and cools down): round-robin picked among the others for alpha, which stays on that key.
    expect(keysUsed(upstream).slice(4)).toEqual(['k1', 'k2', 'k2']);
  });
});
