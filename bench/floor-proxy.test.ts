import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../test/fakes/fake-anthropic-upstream';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../test/fakes/fake-openai-upstream';
import { startFloorProxy, type FloorMode, type FloorProxy } from './floor-proxy';

describe.each<FloorMode>(['stream', 'request'])('floor proxy (%s mode)', (mode) => {
  let fake: FakeOpenAIUpstream;
  let floor: FloorProxy;

  beforeEach(async () => {
    fake = await startFakeOpenAIUpstream({ name: 'floor-test' });
    floor = await startFloorProxy({ upstreamBaseUrl: fake.baseUrl, upstreamApiKey: 'up-key', mode });
  });

  afterEach(async () => {
    await floor.close();
    await fake.close();
  });

  it('forwards a chat completion with the upstream key', async () => {
    const client = new OpenAI({ baseURL: `${floor.url}/v1`, apiKey: 'client-key', maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from floor-test');
    expect(fake.requests[0]?.path).toBe('/v1/chat/completions');
    expect(fake.requests[0]?.headers['authorization']).toBe('Bearer up-key');
    expect(fake.requests[0]?.body).toMatchObject({ model: 'm' });
  });

  it('passes an SSE stream through', async () => {
    const client = new OpenAI({ baseURL: `${floor.url}/v1`, apiKey: 'client-key', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from floor-test');
  });

  it('passes upstream statuses and headers through', async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const response = await request(`${floor.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('2');
    await response.body.dump();
  });

  it('answers 502 when the upstream drops the connection', async () => {
    fake.enqueue({ kind: 'reset-before-headers' });
    const response = await request(`${floor.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.statusCode).toBe(502);
    await response.body.dump();
  });

  it('aborts the upstream request when the client goes away', async () => {
    fake.enqueue({ kind: 'stall', ms: 5000 });
    const controller = new AbortController();
    const pending = request(`${floor.url}/v1/chat/completions`, { method: 'POST', body: '{}', signal: controller.signal });
    await fake.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => fake.requests[0]?.aborted, { timeout: 2000 }).toBe(true);
  });
});

describe('floor proxy in front of an Anthropic Messages upstream', () => {
  let fake: FakeAnthropicUpstream;
  let floor: FloorProxy;

  beforeEach(async () => {
    fake = await startFakeAnthropicUpstream({ name: 'floor-test', apiKey: 'up-key' });
    // The bench's fake children report the API base with /v1 (client paths under /v1 map onto it).
    floor = await startFloorProxy({ upstreamBaseUrl: `${fake.baseUrl}/v1`, upstreamApiKey: 'up-key' });
  });

  afterEach(async () => {
    await floor.close();
    await fake.close();
  });

  it('forwards a message, with the upstream key and the client anthropic-version', async () => {
    const client = new Anthropic({ baseURL: floor.url, apiKey: 'client-key', maxRetries: 0, defaultHeaders: { 'anthropic-version': '2023-06-01' } });
    const message = await client.messages.create({ model: 'm', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from floor-test' }]);
    expect(fake.requests[0]?.path).toBe('/v1/messages');
    expect(fake.requests[0]?.headers['authorization']).toBe('Bearer up-key');
    expect(fake.requests[0]?.headers['x-api-key']).toBeUndefined();
    expect(fake.requests[0]?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('passes an Anthropic event stream through', async () => {
    const client = new Anthropic({ baseURL: floor.url, apiKey: 'client-key', maxRetries: 0 });
    const stream = client.messages.stream({ model: 'm', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    expect(text).toBe('Hello from floor-test');
  });
});
