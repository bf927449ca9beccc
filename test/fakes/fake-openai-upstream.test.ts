import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from './fake-openai-upstream';

let fake: FakeOpenAIUpstream;
let agent: Agent;

beforeEach(async () => {
  fake = await startFakeOpenAIUpstream();
  agent = new Agent();
});

afterEach(async () => {
  await agent.close();
  await fake.close();
});

const chatBody = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi there' }], ...extra });

function postChat(extra: Record<string, unknown> = {}, signal?: AbortSignal): ReturnType<typeof request> {
  return request(`${fake.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer up-key' },
    body: chatBody(extra),
    dispatcher: agent,
    signal,
  });
}

function dataFrames(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice('data: '.length));
}

describe('fake OpenAI upstream with the official SDK', () => {
  it('answers a non-stream chat completion and records the request', async () => {
    const client = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'k', maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi there' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Hello from fake' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 });
    const recorded = fake.requests[0];
    expect(recorded?.method).toBe('POST');
    expect(recorded?.path).toBe('/v1/chat/completions');
    expect(recorded?.headers['authorization']).toBe('Bearer k');
    expect(recorded?.body).toMatchObject({ model: 'gpt-4o-mini' });
    expect(recorded?.aborted).toBe(false);
  });

  it('streams role, content deltas, finish and usage chunks', async () => {
    const named = await startFakeOpenAIUpstream({ name: 'alpha' });
    try {
      named.enqueue({ kind: 'ok', chunks: 3 });
      const client = new OpenAI({ baseURL: named.baseUrl, apiKey: 'k', maxRetries: 0 });
      const stream = await client.chat.completions.create({
        model: 'm1',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks).toHaveLength(1 + 3 + 1 + 1);
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
      expect(text).toBe('Hello from alpha');
      expect(chunks[4]?.choices[0]?.finish_reason).toBe('stop');
      expect(chunks[5]?.choices).toEqual([]);
      expect(chunks[5]?.usage?.total_tokens).toBeGreaterThan(0);
      expect(chunks.every((chunk) => chunk.model === 'm1' && chunk.object === 'chat.completion.chunk')).toBe(true);
    } finally {
      await named.close();
    }
  });

  it('lists models and serves legacy text completions', async () => {
    const client = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'k', maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('gpt-4o');
    const completion = await client.completions.create({ model: 'davinci', prompt: 'say hi' });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]?.text).toBe('Hello from fake');
    const stream = await client.completions.create({ model: 'davinci', prompt: 'say hi', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('Hello from fake');
  });
});

describe('fake OpenAI upstream wire format', () => {
  it('sends SSE frames exactly as OpenAI does, without usage unless asked', async () => {
    const response = await postChat({ stream: true });
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const text = await response.body.text();
    expect(text.endsWith('\n\ndata: [DONE]\n\n')).toBe(true);
    const frames = dataFrames(text);
    expect(frames.at(-1)).toBe('[DONE]');
    const parsed = frames.slice(0, -1).map((frame) => JSON.parse(frame) as Record<string, unknown>);
    expect(parsed.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(parsed).toHaveLength(1 + 3 + 1);
  });

  it("keeps idle connections node's 5 s, or as long as asked (the bench asks for minutes)", async () => {
    const response = await postChat();
    await response.body.dump();
    expect(response.headers['keep-alive']).toBe('timeout=5');
    const patient = await startFakeOpenAIUpstream({ keepAliveTimeoutMs: 600_000 });
    try {
      const reply = await request(`${patient.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chatBody(), dispatcher: agent });
      await reply.body.dump();
      expect(reply.headers['keep-alive']).toBe('timeout=600');
    } finally {
      await patient.close();
    }
  });

  it('answers 404 with an OpenAI error body for an unknown path', async () => {
    const response = await request(`${fake.baseUrl}/nope`, { dispatcher: agent });
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});

describe('fake OpenAI upstream scripted failures', () => {
  it('replies with a scripted status and headers, then falls back to ok', async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const limited = await postChat();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(await limited.body.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    const next = await postChat();
    expect(next.statusCode).toBe(200);
    await next.body.dump();
    expect(fake.requests).toHaveLength(2);
  });

  it('sends a custom status body as given', async () => {
    fake.enqueue({ kind: 'status', status: 500, body: 'upstream exploded' });
    const response = await postChat();
    expect(response.statusCode).toBe(500);
    expect(await response.body.text()).toBe('upstream exploded');
  });

  it('resets the socket before headers', async () => {
    fake.enqueue({ kind: 'reset-before-headers' });
    await expect(postChat()).rejects.toThrow(/other side closed|socket/i);
    await fake.waitForRequests(1);
    expect(fake.requests[0]?.aborted).toBe(false);
  });

  it('resets the socket after N stream chunks', async () => {
    fake.enqueue({ kind: 'reset-mid-stream', afterChunks: 2 });
    const response = await postChat({ stream: true });
    expect(response.statusCode).toBe(200);
    let received = '';
    const consume = async (): Promise<void> => {
      for await (const part of response.body) received += String(part);
    };
    await expect(consume()).rejects.toThrow();
    expect(dataFrames(received)).toHaveLength(2);
  });

  it('stalls before answering', async () => {
    fake.enqueue({ kind: 'stall', ms: 300 });
    const started = Date.now();
    const response = await postChat();
    expect(await response.body.json()).toMatchObject({ object: 'chat.completion' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('spaces slow-stream chunks in time', async () => {
    fake.enqueue({ kind: 'slow-stream', chunks: 4, chunkDelayMs: 40 });
    const started = Date.now();
    const response = await postChat({ stream: true });
    const frames = dataFrames(await response.body.text());
    expect(frames).toHaveLength(1 + 4 + 1 + 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('records a client abort during a stall', async () => {
    fake.enqueue({ kind: 'stall', ms: 5000 });
    const controller = new AbortController();
    const pending = postChat({}, controller.signal);
    await fake.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => fake.requests[0]?.aborted, { timeout: 1000 }).toBe(true);
  });

  it('consumes steps in order and reset() clears queue and requests', async () => {
    fake.enqueue({ kind: 'status', status: 401 }, { kind: 'status', status: 500 });
    expect((await postChat()).statusCode).toBe(401);
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    const response = await postChat();
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    await expect(fake.waitForRequests(2, 50)).rejects.toThrow(/expected 2 requests, got 1/);
  });
});
