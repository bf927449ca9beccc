import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIResponsesStreamDecoder } from '../../src-proxy/protocols/openai-responses/decode-openai-responses-stream';
import { decodeOpenAIResponsesResponse } from '../../src-proxy/protocols/openai-responses/decode-openai-responses-response';
import { SseParser } from '../../src-proxy/sse/sse-parser';
import { streamInvariantViolations } from '../conformance/check-stream-invariants';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from './fake-responses-upstream';

let fake: FakeResponsesUpstream;
let agent: Agent;

beforeEach(async () => {
  fake = await startFakeResponsesUpstream();
  agent = new Agent();
});

afterEach(async () => {
  await agent.close();
  await fake.close();
});

const weatherTool = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false } as const;

function post(extra: Record<string, unknown> = {}, base = fake.baseUrl, signal?: AbortSignal): ReturnType<typeof request> {
  return request(`${base}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer up-key' },
    body: JSON.stringify({ model: 'gpt-5-codex', input: 'hi there', ...extra }),
    dispatcher: agent,
    signal,
  });
}

interface Frame {
  event: string | undefined;
  data: Record<string, unknown>;
}

function frames(text: string): Frame[] {
  const parser = new SseParser();
  return [...parser.push(new TextEncoder().encode(text)), ...parser.end()].map((event) => ({ event: event.event, data: JSON.parse(event.data) as Record<string, unknown> }));
}

const client = (baseURL: string) => new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0 });

describe('fake Responses upstream with the official SDK', () => {
  it('answers responses.create and records the request', async () => {
    const response = await client(fake.baseUrl).responses.create({ model: 'gpt-5-codex', input: 'hi there' });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Hello from fake-responses');
    expect(response.usage).toMatchObject({ input_tokens: 2, output_tokens: 7, total_tokens: 9, input_tokens_details: { cached_tokens: 0 } });
    const recorded = fake.requests[0];
    expect(recorded).toMatchObject({ method: 'POST', path: '/v1/responses', aborted: false, body: { model: 'gpt-5-codex' } });
    expect(recorded?.headers['authorization']).toBe('Bearer k');
  });

  it('streams through responses.stream() with reasoning when a summary is requested', async () => {
    const named = await startFakeResponsesUpstream({ name: 'alpha' });
    try {
      const stream = client(named.baseUrl).responses.stream({
        model: 'gpt-5',
        input: 'hi',
        reasoning: { effort: 'low', summary: 'auto' },
        include: ['reasoning.encrypted_content'],
      });
      const deltas: string[] = [];
      stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
      const final = await stream.finalResponse();
      expect(deltas.join('')).toBe('Hello from alpha');
      expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
      const reasoning = final.output[0];
      expect(reasoning?.type === 'reasoning' && [reasoning.summary[0]?.text, reasoning.encrypted_content]).toEqual(['Considering the request.', 'gAAAAfake1']);
    } finally {
      await named.close();
    }
  });

  it('calls the first tool when the user asks about the weather', async () => {
    const response = await client(fake.baseUrl).responses.create({ model: 'gpt-5', input: [{ role: 'user', content: "What's the weather in Paris?" }], tools: [weatherTool] });
    expect(response.output).toEqual([expect.objectContaining({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}', call_id: 'call_fake1' })]);
    const stream = await client(fake.baseUrl).responses.create({ model: 'gpt-5', input: 'weather?', tools: [weatherTool], stream: true });
    let args = '';
    for await (const event of stream) if (event.type === 'response.function_call_arguments.delta') args += event.delta;
    expect(args).toBe('{"city":"Paris"}');
  });

  it('serves the Codex backend path (base URL ending in /codex)', async () => {
    const response = await client(fake.codexBaseUrl).responses.create({ model: 'gpt-5-codex', input: 'hi' });
    expect(response.output_text).toBe('Hello from fake-responses');
    expect(fake.requests[0]?.path).toBe('/backend-api/codex/responses');
  });
});

describe('fake Responses upstream wire format', () => {
  it('sends event/data frames with matching types and sequence numbers from 0', async () => {
    fake.enqueue({ kind: 'ok', chunks: 2 });
    const response = await post({ stream: true });
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const all = frames(await response.body.text());
    expect(all.map((frame) => frame.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    all.forEach((frame, index) => expect(frame.data).toMatchObject({ type: frame.event, sequence_number: index }));
  });

  it('is decoded by the Responses stream decoder into a conformant canonical stream', async () => {
    fake.enqueue({ kind: 'ok', reasoning: 'Short plan.', functionCall: { name: 'lookup', arguments: '{"q":"x"}' } });
    const response = await post({ stream: true, include: ['reasoning.encrypted_content'] });
    const decoder = createOpenAIResponsesStreamDecoder({ generateId: (prefix) => `${prefix}_x`, now: () => 0 });
    const parser = new SseParser();
    const parts = [...parser.push(new TextEncoder().encode(await response.body.text())), ...parser.end()].flatMap((event) => decoder.decode(event));
    parts.push(...decoder.flush());
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.map((part) => part.type)).toEqual([
      'response-start',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-signature',
      'reasoning-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finish: { reason: 'tool-calls' } });
  });

  it('non-stream bodies are decoded by the response decoder; incomplete responses say why', async () => {
    fake.enqueue({ kind: 'ok', incompleteReason: 'max_output_tokens' });
    const response = await post();
    const body: unknown = await response.body.json();
    expect(body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    const decoded = decodeOpenAIResponsesResponse(body, { generateId: (prefix) => prefix, now: () => 0 });
    expect(decoded.value.finish).toEqual({ reason: 'length', raw: 'max_output_tokens' });
    expect(decoded.value.content).toEqual([{ type: 'text', text: 'Hello from fake-responses' }]);
  });

  it('sends response.failed inside a 200 stream', async () => {
    fake.enqueue({ kind: 'response-failed', code: 'rate_limit_exceeded', message: 'Slow down' });
    const response = await post({ stream: true });
    expect(response.statusCode).toBe(200);
    const all = frames(await response.body.text());
    expect(all.map((frame) => frame.event)).toEqual(['response.created', 'response.in_progress', 'response.failed']);
    expect(all[2]?.data['response']).toMatchObject({ status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down' } });
    fake.enqueue({ kind: 'response-failed' });
    expect(await (await post()).body.json()).toMatchObject({ status: 'failed', error: { code: 'server_error' } });
  });

  it('replies with scripted statuses, including 429 with retry-after, then recovers', async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(await limited.body.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    await expect(client(fake.baseUrl).responses.create({ model: 'm', input: 'x' })).resolves.toMatchObject({ status: 'completed' });
    fake.enqueue({ kind: 'status', status: 401 });
    await expect(client(fake.baseUrl).responses.create({ model: 'm', input: 'x' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('resets the socket before headers', async () => {
    fake.enqueue({ kind: 'reset-before-headers' });
    await expect(post()).rejects.toThrow(/other side closed|socket/i);
    await fake.waitForRequests(1);
    expect(fake.requests[0]?.aborted).toBe(false);
  });

  it('resets the socket after N events; the decoder then reports a truncated stream', async () => {
    fake.enqueue({ kind: 'reset-mid-stream', afterEvents: 5 });
    const response = await post({ stream: true });
    let received = '';
    const consume = async (): Promise<void> => {
      for await (const part of response.body) received += String(part);
    };
    await expect(consume()).rejects.toThrow();
    const parsed = frames(received);
    expect(parsed).toHaveLength(5);
    const decoder = createOpenAIResponsesStreamDecoder({ generateId: (prefix) => prefix, now: () => 0 });
    const parser = new SseParser();
    const parts = [...parser.push(new TextEncoder().encode(received)), ...parser.end()].flatMap((event) => decoder.decode(event));
    parts.push(...decoder.flush());
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream_truncated' } });
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('cuts a non-stream body in half on reset-mid-stream', async () => {
    fake.enqueue({ kind: 'reset-mid-stream', afterEvents: 1 });
    const response = await post();
    await expect(response.body.text()).rejects.toThrow();
  });

  it('stalls before answering, spaces slow-stream deltas, records a client abort', async () => {
    fake.enqueue({ kind: 'stall', ms: 300 });
    let started = Date.now();
    expect(await (await post()).body.json()).toMatchObject({ object: 'response' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    fake.enqueue({ kind: 'slow-stream', chunks: 4, chunkDelayMs: 40 });
    started = Date.now();
    const slow = frames(await (await post({ stream: true })).body.text());
    expect(slow.filter((frame) => frame.event === 'response.output_text.delta')).toHaveLength(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);

    fake.reset();
    fake.enqueue({ kind: 'stall', ms: 5000 });
    const controller = new AbortController();
    const pending = post({}, fake.baseUrl, controller.signal);
    await fake.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => fake.requests[0]?.aborted, { timeout: 1000 }).toBe(true);
  });

  it('answers unknown routes with an OpenAI 404 and clears state on reset()', async () => {
    const response = await request(`${fake.baseUrl}/chat/completions`, { method: 'POST', body: '{}', dispatcher: agent });
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ error: { code: 'unknown_url' } });
    fake.enqueue({ kind: 'status', status: 500 });
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect((await post()).statusCode).toBe(200);
  });
});

describe('fake Responses upstream in strict Codex mode', () => {
  const codexBody = { stream: true, store: false, instructions: '', input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['max_output_tokens', { max_output_tokens: 10 }, 'Unsupported parameter: max_output_tokens'],
    ['temperature', { temperature: 0.2 }, 'Unsupported parameter: temperature'],
    ['a non-priority service_tier', { service_tier: 'flex' }, 'Unsupported parameter: service_tier'],
    ['stream off', { stream: false }, 'Stream must be set to true'],
    ['stream missing', { stream: undefined }, 'Stream must be set to true'],
    ['store on', { store: true }, 'Store must be set to false'],
    ['store missing', { store: undefined }, 'Store must be set to false'],
    ['no instructions', { instructions: undefined }, 'Instructions are required'],
    ['a string input', { input: 'hi' }, 'Input must be a list'],
    ['a system role', { input: [{ role: 'system', content: 'S' }] }, 'System messages are not allowed'],
  ];

  it.each(cases)('refuses %s with the backend 400 message, and serves the Codex body', async (_name, change, detail) => {
    const strict = await startFakeResponsesUpstream({ strictCodex: true });
    try {
      const refused = await post({ ...codexBody, ...change }, strict.codexBaseUrl);
      expect(refused.statusCode).toBe(400);
      expect(await refused.body.json()).toEqual({ detail });
      const served = await post(codexBody, strict.codexBaseUrl);
      expect(served.statusCode).toBe(200);
      expect(frames(await served.body.text()).at(-1)?.data.type).toBe('response.completed');
    } finally {
      await strict.close();
    }
  });

  it('refuses a request without a Bearer token with 401; the lenient default serves any body', async () => {
    const strict = await startFakeResponsesUpstream({ strictCodex: true });
    try {
      const response = await request(`${strict.codexBaseUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(codexBody), dispatcher: agent });
      expect(response.statusCode).toBe(401);
      await response.body.text();
    } finally {
      await strict.close();
    }
    expect((await post({ temperature: 1, max_output_tokens: 5 })).statusCode).toBe(200);
  });
});
