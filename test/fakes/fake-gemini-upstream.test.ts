import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiStreamDecoder } from '../../src-proxy/protocols/gemini/decode-gemini-stream';
import { decodeGeminiResponse } from '../../src-proxy/protocols/gemini/decode-gemini-response';
import { SseParser } from '../../src-proxy/sse/sse-parser';
import { streamInvariantViolations } from '../conformance/check-stream-invariants';
import { fakeThoughtSignature } from './fake-gemini-bodies';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from './fake-gemini-upstream';

let fake: FakeGeminiUpstream;
let agent: Agent;

beforeEach(async () => {
  fake = await startFakeGeminiUpstream({ name: 'alpha' });
  agent = new Agent();
});

afterEach(async () => {
  await agent.close();
  await fake.close();
});

const sdk = () => new GoogleGenAI({ apiKey: 'up-key', httpOptions: { baseUrl: fake.baseUrl } });
const context = { generateId: (prefix: string) => `${prefix}_1`, now: () => 0 };
const weatherTools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] }];

function post(path: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': 'k' }): ReturnType<typeof request> {
  return request(`${fake.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), dispatcher: agent });
}

async function collect(model: string, contents: string): Promise<GenerateContentResponse[]> {
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of await sdk().models.generateContentStream({ model, contents })) chunks.push(chunk);
  return chunks;
}

describe('fake Gemini upstream with @google/genai', () => {
  it('answers generateContent and records the request with its API key', async () => {
    const response = await sdk().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi there' });
    expect(response.text).toBe('Hello from alpha');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.modelVersion).toBe('gemini-2.5-flash');
    expect(response.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    const recorded = fake.requests[0];
    expect(recorded?.method).toBe('POST');
    expect(recorded?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(recorded?.headers['x-goog-api-key']).toBe('up-key');
    expect(recorded?.body).toMatchObject({ contents: [{ role: 'user', parts: [{ text: 'hi there' }] }] });
    expect(recorded?.aborted).toBe(false);
  });

  it('streams text pieces over SSE with finishReason and usage on the last chunk', async () => {
    fake.enqueue({ kind: 'ok', chunks: 3 });
    const chunks = await collect('gemini-2.5-pro', 'hi');
    expect(fake.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(chunks).toHaveLength(3);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe('Hello from alpha');
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
    expect(chunks[0]?.candidates?.[0]?.finishReason).toBeUndefined();
  });

  it('calls the first function when tools are declared and the user asks about the weather', async () => {
    const response = await sdk().models.generateContent({ model: 'gemini-2.5-flash', contents: 'What is the weather in Paris?', config: { tools: weatherTools } });
    expect(response.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }]);
    expect(response.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature).toBe(fakeThoughtSignature('fake-gemini-response-1'));
    const plain = await sdk().models.generateContent({ model: 'gemini-2.5-flash', contents: 'Tell me a joke', config: { tools: weatherTools } });
    expect(plain.functionCalls).toBeUndefined();
  });

  it('sends thoughts first when asked for them, and scripted text, thought and calls', async () => {
    const thinking = await sdk().models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi', config: { thinkingConfig: { includeThoughts: true } } });
    expect(thinking.candidates?.[0]?.content?.parts?.[0]).toEqual({ text: 'Considering the request.', thought: true });
    expect(thinking.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
    fake.enqueue({ kind: 'ok', text: 'Scripted.', thought: 'Hmm.' }, { kind: 'ok', functionCall: { name: 'lookup', args: { q: 1 } } });
    const chunks = await collect('gemini-2.5-pro', 'x');
    expect(chunks[0]?.candidates?.[0]?.content?.parts).toEqual([{ text: 'Hmm.', thought: true }]);
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('Scripted.');
    const call = await sdk().models.generateContent({ model: 'gemini-2.5-pro', contents: 'x' });
    expect(call.functionCalls).toEqual([{ name: 'lookup', args: { q: 1 } }]);
  });

  it('counts tokens and lists models', async () => {
    const counted = await sdk().models.countTokens({ model: 'gemini-2.5-flash', contents: 'count these words please' });
    expect(counted.totalTokens).toBeGreaterThan(0);
    expect(fake.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:countTokens');
    const names: string[] = [];
    for await (const model of await sdk().models.list()) names.push(model.name ?? '');
    expect(names).toContain('models/gemini-2.5-flash');
  });

  it('answers 429 RESOURCE_EXHAUSTED with a retryDelay', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryDelaySeconds: 17 });
    const failure = await sdk().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 429 });
    expect(String((failure as Error).message)).toContain('RESOURCE_EXHAUSTED');
    expect(String((failure as Error).message)).toContain('"retryDelay":"17s"');
    // The next request is served normally again.
    expect((await sdk().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })).text).toBe('Hello from alpha');
  });

  it('answers scripted statuses with Google error bodies', async () => {
    fake.enqueue({ kind: 'status', status: 503 }, { kind: 'status', status: 400, body: { error: { code: 400, message: 'custom', status: 'INVALID_ARGUMENT' } } });
    await expect(sdk().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })).rejects.toMatchObject({ status: 503, message: expect.stringContaining('UNAVAILABLE') });
    await expect(sdk().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('custom') });
  });
});

describe('fake Gemini upstream over raw HTTP', () => {
  it('refuses a request without an API key, accepts ?key=', async () => {
    const missing = await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] }, {});
    expect(missing.statusCode).toBe(403);
    expect(await missing.body.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    const byQuery = await post('/v1beta/models/gemini-2.5-flash:generateContent?key=k', { contents: [{ parts: [{ text: 'hi' }] }] }, {});
    expect(byQuery.statusCode).toBe(200);
    await byQuery.body.dump();
  });

  it('answers unknown routes with a Google 404', async () => {
    const response = await post('/v1/chat/completions', {});
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('streams the REST JSON-array form without alt=sse', async () => {
    fake.enqueue({ kind: 'ok', chunks: 2 });
    const response = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent', { contents: [{ parts: [{ text: 'hi' }] }] });
    const text = await response.body.text();
    expect(response.headers['content-type']).toContain('application/json');
    const chunks = JSON.parse(text) as Array<{ candidates: Array<{ content: { parts: Array<{ text: string }> } }> }>;
    expect(chunks.map((chunk) => chunk.candidates[0]?.content.parts[0]?.text).join('')).toBe('Hello from alpha');
  });

  it("frames SSE with CRLF, and the proxy's Gemini decoders read its output", async () => {
    fake.enqueue({ kind: 'ok', thought: 'Hmm.' });
    const response = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', { contents: [{ parts: [{ text: 'hi' }] }] });
    const raw = await response.body.text();
    expect(raw).toContain('\r\n\r\n');
    const parser = new SseParser();
    const decoder = createGeminiStreamDecoder(context);
    const events = [...parser.push(new TextEncoder().encode(raw)), ...parser.end()];
    const parts = [...events.flatMap((event) => decoder.decode(event)), ...decoder.flush()];
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => (part.type === 'text-delta' ? part.delta : '')).join('')).toBe('Hello from alpha');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finish: { reason: 'stop' } });
    const whole = await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [{ parts: [{ text: 'weather?' }] }], tools: weatherTools });
    const decoded = decodeGeminiResponse(await whole.body.json(), context).value;
    expect(decoded.content).toEqual([
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', signature: fakeThoughtSignature('fake-gemini-response-2'), signatureFormat: 'gemini' },
    ]);
    expect(decoded.finish.reason).toBe('tool-calls');
  });

  it('resets before headers', async () => {
    fake.enqueue({ kind: 'reset-before-headers' });
    await expect(post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [] })).rejects.toThrow();
    expect(fake.requests[0]?.aborted).toBe(false);
  });

  it('resets mid-stream after N chunks, and mid-body for non-stream requests', async () => {
    fake.enqueue({ kind: 'reset-mid-stream', afterChunks: 1 }, { kind: 'reset-mid-stream', afterChunks: 1 });
    const stream = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', { contents: [{ parts: [{ text: 'hi' }] }] });
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const piece of stream.body) received.push(String(piece));
      })(),
    ).rejects.toThrow();
    expect(received.join('').split('data: ').length - 1).toBe(1);
    const whole = await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] });
    await expect(whole.body.text()).rejects.toThrow();
  });

  it('stalls before answering and streams slowly', async () => {
    fake.enqueue({ kind: 'stall', ms: 150 }, { kind: 'slow-stream', chunks: 3, chunkDelayMs: 60 });
    const stalledAt = Date.now();
    const stalled = await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] });
    await stalled.body.json();
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(140);
    const slowAt = Date.now();
    const slow = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', { contents: [{ parts: [{ text: 'hi' }] }] });
    const text = await slow.body.text();
    expect(text.split('data: ').length - 1).toBe(3);
    expect(Date.now() - slowAt).toBeGreaterThanOrEqual(150);
  });

  it('records a client that goes away as aborted, and waits for requests', async () => {
    fake.enqueue({ kind: 'stall', ms: 2000 });
    const controller = new AbortController();
    const pending = request(`${fake.baseUrl}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k' },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
      dispatcher: agent,
      signal: controller.signal,
    });
    await fake.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests[0]?.aborted).toBe(true);
    await expect(fake.waitForRequests(5, 50)).rejects.toThrow(/expected 5 requests/);
    fake.reset();
    expect(fake.requests).toEqual([]);
  });

  it('serves the Code Assist form of a Gemini CLI login: envelope in, response envelope out, Bearer required', async () => {
    const envelope = { model: 'gemini-2.5-pro', project: 'p-1', request: { contents: [{ role: 'user', parts: [{ text: 'What is the weather?' }] }], tools: weatherTools } };
    const refused = await post('/v1internal:generateContent', envelope);
    expect(refused.statusCode).toBe(401);
    await refused.body.text();
    const bearer = { authorization: 'Bearer ya29.token' };
    const single = (await (await post('/v1internal:generateContent', envelope, bearer)).body.json()) as { response: { candidates: Array<{ content: { parts: Array<Record<string, unknown>> } }>; modelVersion: string } };
    expect(single.response.modelVersion).toBe('gemini-2.5-pro');
    expect(single.response.candidates[0]?.content.parts[0]).toMatchObject({ functionCall: { name: 'get_weather', args: { city: 'Paris' } } });
    const streamed = await (await post('/v1internal:streamGenerateContent?alt=sse', { ...envelope, request: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } }, bearer)).body.text();
    const events = streamed.split('\r\n\r\n').filter(Boolean).map((frame) => JSON.parse(frame.replace(/^data: /, '')) as { response?: unknown });
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((event) => event.response !== undefined)).toBe(true);
    expect(streamed).toContain('Hello');
  });
});
