import Anthropic, { APIError, InternalServerError, RateLimitError } from '@anthropic-ai/sdk';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicMessagesStreamDecoder } from '../../src-proxy/protocols/anthropic-messages/decode-anthropic-messages-stream';
import { SseParser } from '../../src-proxy/sse/sse-parser';
import { streamInvariantViolations } from '../conformance/check-stream-invariants';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from './fake-anthropic-upstream';

let fake: FakeAnthropicUpstream;
let agent: Agent;

beforeEach(async () => {
  fake = await startFakeAnthropicUpstream();
  agent = new Agent();
});

afterEach(async () => {
  await agent.close();
  await fake.close();
});

const MODEL = 'claude-opus-4-7';
const client = (apiKey = 'k') => new Anthropic({ baseURL: fake.baseUrl, apiKey, maxRetries: 0 });
const weatherTool = {
  name: 'get_weather',
  description: 'Weather by city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
};

function postMessages(extra: Record<string, unknown> = {}, signal?: AbortSignal): ReturnType<typeof request> {
  return request(`${fake.baseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'up-key', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'hi there' }], ...extra }),
    dispatcher: agent,
    signal,
  });
}

function eventNames(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('event: '))
    .map((frame) => frame.slice('event: '.length, frame.indexOf('\n')));
}

describe('fake Anthropic upstream with the official SDK', () => {
  it('answers a non-stream message and records the request', async () => {
    const message = await client().messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi there' }] });
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn' });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from fake' }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    const recorded = fake.requests[0];
    expect(recorded).toMatchObject({ method: 'POST', path: '/v1/messages', aborted: false });
    // @anthropic-ai/sdk 1.x sends the API key as a bearer token (0.x sent x-api-key; the fake accepts both).
    expect(recorded?.headers['authorization']).toBe('Bearer k');
    expect(recorded?.headers['anthropic-version']).toBeDefined();
    expect(recorded?.body).toMatchObject({ model: MODEL, max_tokens: 50 });
  });

  it('streams thinking and text that messages.stream() accumulates', async () => {
    const named = await startFakeAnthropicUpstream({ name: 'alpha' });
    try {
      const sdk = new Anthropic({ baseURL: named.baseUrl, apiKey: 'k', maxRetries: 0 });
      const stream = sdk.messages.stream({
        model: MODEL,
        max_tokens: 2000,
        thinking: { type: 'adaptive' },
        messages: [{ role: 'user', content: 'hi' }],
      });
      const message = await stream.finalMessage();
      expect(message.content).toEqual([
        { type: 'thinking', thinking: 'Thinking about it.', signature: 'sig_fake1_0' },
        { type: 'text', text: 'Hello from alpha' },
      ]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.output_tokens).toBeGreaterThan(1);
    } finally {
      await named.close();
    }
  });

  it('calls the first tool when the last user message mentions the weather, then answers the result', async () => {
    const sdk = client();
    const first = await sdk.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([{ type: 'tool_use', id: 'toolu_fake1_0', name: 'get_weather', input: { city: 'Paris', days: 1 } }]);
    const stream = sdk.messages.stream({
      model: MODEL,
      max_tokens: 100,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_fake1_0', content: 'sunny' }] },
      ],
    });
    const second = await stream.finalMessage();
    expect(second.content).toEqual([{ type: 'text', text: 'Hello from fake' }]);
  });

  it('streams tool input deltas the SDK parses', async () => {
    const stream = client().messages.stream({
      model: MODEL,
      max_tokens: 100,
      tools: [weatherTool],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'weather please' }] }],
    });
    const message = await stream.finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris', days: 1 } });
  });

  it('lists models and counts tokens', async () => {
    const page = await client().models.list();
    expect(page.data.map((model) => model.id)).toContain('claude-opus-4-7');
    const count = await client().messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    expect(count.input_tokens).toBeGreaterThan(100);
    expect(fake.requests.at(-1)?.path).toBe('/v1/messages/count_tokens');
  });

  it('raises a stream error event as an APIError', async () => {
    fake.enqueue({ kind: 'stream-error', afterEvents: 4 });
    const stream = client().messages.stream({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const failure = await stream.finalMessage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).type).toBe('overloaded_error');
  });

  it('answers scripted 529 and 429 with Anthropic error bodies', async () => {
    fake.enqueue({ kind: 'status', status: 529 }, { kind: 'status', status: 429, headers: { 'retry-after': '7' } });
    const params = { model: MODEL, max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };
    const overloaded = await client().messages.create(params).catch((error: unknown) => error);
    expect(overloaded).toBeInstanceOf(InternalServerError);
    expect((overloaded as APIError).status).toBe(529);
    expect((overloaded as APIError).type).toBe('overloaded_error');
    const limited = await client().messages.create(params).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as APIError).headers?.get('retry-after')).toBe('7');
  });

  it('enforces the api key when configured', async () => {
    const locked = await startFakeAnthropicUpstream({ apiKey: 'right' });
    try {
      const wrong = new Anthropic({ baseURL: locked.baseUrl, apiKey: 'wrong', maxRetries: 0 });
      await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, type: 'authentication_error' });
      const right = new Anthropic({ baseURL: locked.baseUrl, apiKey: 'right', maxRetries: 0 });
      expect((await right.models.list()).data.length).toBeGreaterThan(0);
    } finally {
      await locked.close();
    }
  });
});

describe('fake Anthropic upstream wire format', () => {
  it('sends the real event sequence, which our stream decoder accepts', async () => {
    const response = await postMessages({ stream: true });
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const text = await response.body.text();
    expect(eventNames(text)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const parser = new SseParser();
    const decoder = createAnthropicMessagesStreamDecoder({ generateId: (prefix) => `${prefix}_1`, now: () => 0 });
    const parts = [...parser.push(new TextEncoder().encode(text)), ...parser.end()].flatMap((event) => decoder.decode(event));
    parts.push(...decoder.flush());
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('answers 404 with an Anthropic error body for an unknown path', async () => {
    const response = await request(`${fake.baseUrl}/v1/nope`, { dispatcher: agent });
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('scripts multi-block content and the stop sequence', async () => {
    fake.enqueue({
      kind: 'ok',
      content: [
        { type: 'redacted_thinking', data: 'ENC' },
        { type: 'text', text: 'a b' },
      ],
      stopSequence: '###',
    });
    const response = await postMessages();
    expect(await response.body.json()).toMatchObject({
      content: [
        { type: 'redacted_thinking', data: 'ENC' },
        { type: 'text', text: 'a b' },
      ],
      stop_reason: 'stop_sequence',
      stop_sequence: '###',
    });
  });
});

describe('fake Anthropic upstream scripted failures', () => {
  it('resets the socket before headers', async () => {
    fake.enqueue({ kind: 'reset-before-headers' });
    await expect(postMessages()).rejects.toThrow(/other side closed|socket/i);
    await fake.waitForRequests(1);
    expect(fake.requests[0]?.aborted).toBe(false);
  });

  it('resets the socket after N stream events', async () => {
    fake.enqueue({ kind: 'reset-mid-stream', afterEvents: 2 });
    const response = await postMessages({ stream: true });
    expect(response.statusCode).toBe(200);
    let received = '';
    const consume = async (): Promise<void> => {
      for await (const part of response.body) received += String(part);
    };
    await expect(consume()).rejects.toThrow();
    expect(eventNames(received)).toEqual(['message_start', 'content_block_start']);
  });

  it('stalls, slow-streams and records a client abort', async () => {
    fake.enqueue({ kind: 'stall', ms: 200 }, { kind: 'slow-stream', chunks: 3, chunkDelayMs: 40 }, { kind: 'stall', ms: 5000 });
    let started = Date.now();
    expect(await (await postMessages()).body.json()).toMatchObject({ type: 'message' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    started = Date.now();
    const slow = await (await postMessages({ stream: true })).body.text();
    expect(eventNames(slow).filter((name) => name === 'content_block_delta')).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    const controller = new AbortController();
    const pending = postMessages({}, controller.signal);
    await fake.waitForRequests(3);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => fake.requests[2]?.aborted, { timeout: 1000 }).toBe(true);
  });

  it('reset() clears the queue and the requests', async () => {
    fake.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    expect((await postMessages()).statusCode).toBe(500);
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    const response = await postMessages();
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    await expect(fake.waitForRequests(2, 50)).rejects.toThrow(/expected 2 requests, got 1/);
  });
});
