import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMessageBody, planReply } from '../fakes/fake-anthropic-bodies';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startTestEngine, testClientKey } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * `routing.strategy: quota-aware` end to end (docs/routing.md#strategies): a real engine, two Claude keys on a
 * fake Anthropic upstream whose answers carry the unified rate-limit headers; the SDK as the client.
 */
describe('quota-aware routing', () => {
  it('round-robins while nothing is known, then keeps to the key whose headers show headroom', async () => {
    const upstream = await startFakeAnthropicUpstream({ name: 'quota-aware' });
    cleanups.push(() => upstream.close());
    const entry = (key: string) => ({ 'api-key': key, 'base-url': upstream.baseUrl, models: [{ name: 'claude-sonnet-4-6', alias: 'sonnet' }] });
    const proxy = await startTestEngine({ routing: { strategy: 'quota-aware' }, 'claude-api-key': [entry('k-first'), entry('k-second')] });
    cleanups.push(() => proxy.close());
    const resetsAt = String(Math.floor(Date.now() / 1000) + 3600);
    for (let serial = 1; serial <= 3; serial++) {
      upstream.enqueue({
        kind: 'status',
        status: 200,
        body: buildMessageBody(planReply({ serial, body: { model: 'claude-sonnet-4-6' }, defaultText: 'hi' })),
        headers: { 'anthropic-ratelimit-unified-5h-utilization': '0.1', 'anthropic-ratelimit-unified-5h-reset': resetsAt, 'anthropic-ratelimit-unified-5h-status': 'allowed' },
      });
    }
    const client = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0 });
    for (let index = 0; index < 3; index++) await client.messages.create({ model: 'sonnet', max_tokens: 8, messages: [{ role: 'user', content: 'Hello' }] });
    // Nothing known: round-robin starts with the first key; its answer shows 90 % left, so it keeps being picked
    // over the key nothing is known about (round-robin would have gone to k-second next).
    // A base URL other than Anthropic's gets the key as a Bearer token.
    expect(upstream.requests.map((request) => request.headers.authorization)).toEqual(['Bearer k-first', 'Bearer k-first', 'Bearer k-first']);
  });
});
