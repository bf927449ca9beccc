import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeGeminiUpstream } from '../fakes/fake-gemini-upstream';
import type { FakeGeminiUpstream } from '../fakes/fake-gemini-types';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

let openai: FakeOpenAIUpstream;
let anthropic: FakeAnthropicUpstream;
let gemini: FakeGeminiUpstream;
let proxy: TestEngine;

beforeAll(async () => {
  openai = await startFakeOpenAIUpstream({ name: 'oa' });
  anthropic = await startFakeAnthropicUpstream({ name: 'an' });
  gemini = await startFakeGeminiUpstream({ name: 'ge' });
  // Two Anthropic keys, and no cooldowns: each test starts with every account available.
  proxy = await startTestEngine({
    'disable-cooling': true,
    'openai-compatibility': [compatEntry('oa', openai.baseUrl, ['k'], { models: [{ name: 'oa-model', alias: 'via-openai' }] })],
    'claude-api-key': ['k-an-1', 'k-an-2'].map((key) => ({ 'api-key': key, 'base-url': anthropic.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'via-anthropic' }] })),
    'gemini-api-key': [{ 'api-key': 'k-ge', 'base-url': gemini.baseUrl, models: [{ name: 'gemini-2.5-flash', alias: 'via-gemini' }] }],
  });
});

afterAll(async () => {
  await proxy.close();
  await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
});

beforeEach(() => {
  openai.reset();
  anthropic.reset();
  gemini.reset();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${proxy.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('model lists', () => {
  it('answers Anthropic clients in Anthropic format and others in OpenAI format', async () => {
    const anthropicList = await request(`${proxy.origin}/v1/models`, { headers: { 'x-api-key': testClientKey, 'anthropic-version': '2023-06-01' } });
    expect(await anthropicList.body.json()).toMatchObject({ has_more: false, data: expect.arrayContaining([expect.objectContaining({ type: 'model', id: 'via-anthropic' })]) });
    const openaiList = await request(`${proxy.origin}/v1/models`, { headers: { authorization: `Bearer ${testClientKey}` } });
    expect(await openaiList.body.json()).toMatchObject({ object: 'list', data: expect.arrayContaining([expect.objectContaining({ id: 'via-gemini', object: 'model' })]) });
  });

  it('an Anthropic client without a key gets an Anthropic-format 401', async () => {
    const response = await request(`${proxy.origin}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(response.statusCode).toBe(401);
    expect(await response.body.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('lists and describes Gemini models, 404s unknown ones in Google format', async () => {
    const list = await request(`${proxy.origin}/v1beta/models?key=${testClientKey}`);
    expect(await list.body.json()).toMatchObject({ models: expect.arrayContaining([expect.objectContaining({ name: 'models/via-gemini' })]) });
    const missing = await request(`${proxy.origin}/v1beta/models/nope?key=${testClientKey}`);
    expect(missing.statusCode).toBe(404);
    expect(await missing.body.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});

describe('count tokens', () => {
  const messages = [{ role: 'user', content: 'How many tokens is this sentence?' }];

  it('asks an Anthropic upstream its own counter', async () => {
    const response = await post('/v1/messages/count_tokens', { model: 'via-anthropic', messages });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toMatchObject({ input_tokens: expect.any(Number) });
    expect(anthropic.requests[0]?.path).toBe('/v1/messages/count_tokens');
  });

  it('estimates locally, and says so, when the upstream speaks another protocol', async () => {
    const response = await post('/v1/messages/count_tokens', { model: 'via-openai', messages });
    expect(response.headers['x-proxy-token-count']).toBe('estimate');
    const { input_tokens: count } = (await response.body.json()) as { input_tokens: number };
    expect(count).toBeGreaterThan(5);
    expect(openai.requests).toHaveLength(0);
  });

  it('answers Gemini countTokens from a Gemini upstream and by estimate otherwise', async () => {
    const body = { contents: [{ role: 'user', parts: [{ text: 'Count me please' }] }] };
    const native = await post(`/v1beta/models/via-gemini:countTokens`, body);
    expect(await native.body.json()).toMatchObject({ totalTokens: expect.any(Number) });
    expect(gemini.requests.at(-1)?.path).toContain(':countTokens');
    const estimated = await post(`/v1beta/models/via-anthropic:countTokens`, body);
    expect(estimated.headers['x-proxy-token-count']).toBe('estimate');
    expect(await estimated.body.json()).toMatchObject({ totalTokens: expect.any(Number) });
  });
});

describe('gemini streaming forms and methods', () => {
  const body = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] };

  it('streams SSE by default and a JSON array for other alt values, from a translated upstream', async () => {
    const sse = await post('/v1beta/models/via-openai:streamGenerateContent?alt=sse', body);
    expect(sse.headers['content-type']).toContain('text/event-stream');
    expect(await sse.body.text()).toContain('data: {');
    const array = await post('/v1beta/models/via-openai:streamGenerateContent', { ...body }, {});
    const arrayText = await array.body.text();
    expect(array.statusCode).toBe(200);
    const jsonArray = await post('/v1beta/models/via-openai:streamGenerateContent?alt=json', body);
    const parsed = JSON.parse(await jsonArray.body.text()) as Array<{ candidates?: unknown }>;
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed.some((chunk) => chunk.candidates)).toBe(true);
    expect(arrayText).toContain('data: ');
  });

  it('an unknown method is a Google-format 404', async () => {
    const response = await post('/v1beta/models/via-gemini:embedContent', body);
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ error: { status: 'NOT_FOUND' } });
  });
});

describe('errors cross protocols in the client format', () => {
  it('an OpenAI upstream 429 reaches an Anthropic client as an Anthropic rate_limit_error', async () => {
    openai.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 429, headers: { 'retry-after': '120' } })));
    const client = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0 });
    const error = await client.messages.create({ model: 'via-openai', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('an Anthropic upstream 529 on every account reaches a Gemini client as a Google-format error with the status', async () => {
    anthropic.enqueue({ kind: 'status', status: 529 }, { kind: 'status', status: 529 });
    const response = await post('/v1beta/models/via-anthropic:generateContent', { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
    expect(response.statusCode).toBe(529);
    expect(await response.body.json()).toMatchObject({ error: { code: 529, message: expect.any(String) } });
  });

  it('an in-band error before any content is retried like an HTTP error (not committed)', async () => {
    anthropic.enqueue({ kind: 'stream-error', afterEvents: 1, errorType: 'overloaded_error', message: 'Overloaded' });
    const response = await post('/v1/chat/completions', { model: 'via-anthropic', stream: true, messages: [{ role: 'user', content: 'Hi' }] });
    const events = (await response.body.text()).split('\n\n').filter((event) => event.startsWith('data: {'));
    const text = events.map((event) => (JSON.parse(event.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '').join('');
    expect(response.statusCode).toBe(200);
    expect(text).toBe('Hello from an');
    expect(anthropic.requests).toHaveLength(2);
  });

  it('counts dropped fields in x-proxy-warnings', async () => {
    const response = await post('/v1/chat/completions', { model: 'via-anthropic', messages: [{ role: 'user', content: 'Hi' }], logit_bias: { '50256': -100 } });
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['x-proxy-warnings'])).toBeGreaterThanOrEqual(1);
    await response.body.dump();
  });
});
