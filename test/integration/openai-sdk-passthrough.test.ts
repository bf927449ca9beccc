import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

let upstream: FakeOpenAIUpstream;
let proxy: TestEngine;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream({ name: 'upstream' });
  proxy = await startTestEngine({
    'openai-compatibility': [
      compatEntry('fake', upstream.baseUrl, ['up-key-1'], { models: [{ name: 'real-model-name', alias: 'my-model' }], headers: { 'X-Team': 'blue' } }),
    ],
  });
  client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

beforeEach(() => upstream.reset());

describe('OpenAI SDK through the engine to an OpenAI-compatible upstream', () => {
  it('answers a chat completion and sends the upstream the aliased model, its key and headers', async () => {
    const completion = await client.chat.completions.create({ model: 'my-model', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from upstream');
    const seen = upstream.requests[0];
    expect(seen?.path).toBe('/v1/chat/completions');
    expect(seen?.headers.authorization).toBe('Bearer up-key-1');
    expect(seen?.headers['x-team']).toBe('blue');
    expect(seen?.body).toMatchObject({ model: 'real-model-name', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('streams chunks as the SDK expects, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usageTotal = 0;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usageTotal = chunk.usage?.total_tokens ?? usageTotal;
    }
    expect(text).toBe('Hello from upstream');
    expect(finish).toBe('stop');
    expect(usageTotal).toBeGreaterThan(0);
  });

  it('serves the legacy completions endpoint', async () => {
    const completion = await client.completions.create({ model: 'my-model', prompt: 'Say hi' });
    expect(completion.choices[0]?.text).toBe('Hello from upstream');
    expect(upstream.requests[0]?.path).toBe('/v1/completions');
  });

  it('lists the served models', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['my-model']);
  });

  it('rejects a wrong key with 401 in OpenAI format, and sends nothing upstream', async () => {
    const intruder = new OpenAI({ baseURL: proxy.baseUrl, apiKey: 'wrong', maxRetries: 0 });
    const error = await intruder.chat.completions.create({ model: 'my-model', messages: [{ role: 'user', content: 'x' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).error).toMatchObject({ type: 'authentication_error' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('names the model when nobody serves it', async () => {
    const error = await client.chat.completions.create({ model: 'nobody-serves-this', messages: [{ role: 'user', content: 'x' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as Error).message).toContain('nobody-serves-this');
  });

  it('passes an upstream JSON error through with its status', async () => {
    upstream.enqueue({ kind: 'status', status: 400, body: { error: { message: 'context too long', type: 'invalid_request_error', code: 'context_length_exceeded' } } });
    const error = await client.chat.completions.create({ model: 'my-model', messages: [{ role: 'user', content: 'x' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
    expect(upstream.requests).toHaveLength(1);
  });
});
