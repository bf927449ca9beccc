import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

type Frame = Record<string, unknown>;

/** A `ws` client that queues every frame, so a test can await them in order. */
class FrameClient {
  readonly frames: Frame[] = [];
  readonly binaryFrames: number[] = [];
  private read = 0;
  private wake: (() => void) | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.binaryFrames.push(this.frames.length);
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.wake?.();
    });
    socket.on('close', () => this.wake?.());
  }

  static open(url: string, headers: Record<string, string> = authHeaders): Promise<FrameClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new FrameClient(socket);
      openClients.push(client);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async next(timeoutMs = 3000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.frames.length) {
      if (this.socket.readyState !== WebSocket.OPEN) throw new Error('socket closed while waiting for a frame');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const frame = this.frames[this.read] as Frame;
    this.read += 1;
    return frame;
  }

  /** Frames of one response: up to response.completed / .incomplete, or an error frame (after response.failed too). */
  async response(): Promise<Frame[]> {
    const frames: Frame[] = [];
    for (;;) {
      const frame = await this.next();
      frames.push(frame);
      if (frame.type === 'response.completed' || frame.type === 'response.incomplete' || frame.type === 'error') return frames;
    }
  }
}

const authHeaders = { authorization: `Bearer ${testClientKey}` };
const openClients: FrameClient[] = [];
let responsesUp: FakeResponsesUpstream;
let anthropicUp: FakeAnthropicUpstream;
let proxy: TestEngine;

const upstreamConfig = () => ({
  'codex-api-key': [{ 'api-key': 'k-re', 'base-url': responsesUp.codexBaseUrl, models: [{ name: 'gpt-5.4', alias: 'via-responses' }] }],
  'claude-api-key': [{ 'api-key': 'k-an', 'base-url': anthropicUp.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'via-anthropic' }] }],
});

beforeAll(async () => {
  responsesUp = await startFakeResponsesUpstream({ name: 'responses-up', strictCodex: true });
  anthropicUp = await startFakeAnthropicUpstream({ name: 'anthropic-up' });
  proxy = await startTestEngine(upstreamConfig());
});

afterEach(() => {
  while (openClients.length) openClients.pop()?.socket.terminate();
  responsesUp.reset();
  anthropicUp.reset();
});

afterAll(async () => {
  await proxy.close();
  await responsesUp.close();
  await anthropicUp.close();
});

const wsUrl = (engine: TestEngine = proxy) => `${engine.origin.replace(/^http/, 'ws')}/v1/responses`;
const create = (model: string, input: unknown, extra: Record<string, unknown> = {}) => ({ type: 'response.create', model, input, ...extra });
const types = (frames: Frame[]) => frames.map((frame) => frame.type);
const textOf = (frames: Frame[]) => frames.filter((frame) => frame.type === 'response.output_text.delta').map((frame) => frame.delta).join('');
const lastRequestBody = (upstream: { requests: Array<{ body: unknown }> }) => upstream.requests.at(-1)?.body as Record<string, unknown>;

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Responses WebSocket: one request, one stream of event frames', () => {
  it('streams text from a Responses upstream, one JSON text frame per event, in order', async () => {
    const client = await FrameClient.open(wsUrl());
    client.send(create('via-responses', 'Say hello'));
    const frames = await client.response();
    expect(types(frames)[0]).toBe('response.created');
    expect(types(frames).at(-1)).toBe('response.completed');
    expect(textOf(frames)).toBe('Hello from responses-up');
    expect(client.binaryFrames).toEqual([]);
    const sequence = frames.map((frame) => frame.sequence_number);
    expect(sequence).toEqual([...sequence].sort((a, b) => Number(a) - Number(b)));
    // Upstream got an ordinary streaming Responses body (in the Codex backend's form): no WebSocket envelope.
    const body = lastRequestBody(responsesUp);
    expect(body).toMatchObject({ model: 'gpt-5.4', stream: true, store: false, input: [{ role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] }] });
    expect(body).not.toHaveProperty('type');
  });

  it('translates from an Anthropic upstream into Responses events', async () => {
    const client = await FrameClient.open(wsUrl());
    client.send(create('via-anthropic', [{ role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] }], { instructions: 'Be brief.' }));
    const frames = await client.response();
    expect(types(frames)).toEqual(expect.arrayContaining(['response.created', 'response.output_item.added', 'response.output_text.delta', 'response.output_item.done']));
    expect(types(frames).at(-1)).toBe('response.completed');
    expect(textOf(frames)).toBe('Hello from anthropic-up');
    expect(frames.map((frame) => frame.sequence_number)).toEqual(frames.map((_frame, index) => index));
    const body = lastRequestBody(anthropicUp);
    expect(body).toMatchObject({ model: 'claude-sonnet-4-5', stream: true, system: expect.anything() });
  });

  it('streams a function call', async () => {
    const client = await FrameClient.open(wsUrl());
    const tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    client.send(create('via-responses', 'What is the weather in Paris?', { tools }));
    const frames = await client.response();
    const done = frames.find((frame) => frame.type === 'response.output_item.done');
    expect(done?.item).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(types(frames)).toContain('response.function_call_arguments.done');
    expect(types(frames).at(-1)).toBe('response.completed');
  });

  it('serves two requests one after the other on the same socket', async () => {
    const client = await FrameClient.open(wsUrl());
    client.send(create('via-responses', 'first'));
    expect(types(await client.response()).at(-1)).toBe('response.completed');
    client.send(create('via-anthropic', 'second'));
    const second = await client.response();
    expect(textOf(second)).toBe('Hello from anthropic-up');
    expect(responsesUp.requests).toHaveLength(1);
    expect(anthropicUp.requests).toHaveLength(1);
    const lines = proxy.logLines().filter((line) => line.transport === 'websocket');
    expect(lines.slice(-2)).toMatchObject([
      { route: '/v1/responses', model: 'via-responses', status: 200 },
      { route: '/v1/responses', model: 'via-anthropic', status: 200 },
    ]);
  });
});

describe('Responses WebSocket: conversation state on the socket (Codex CLI incremental input)', () => {
  it('a follow-up naming the previous response is sent upstream as the whole conversation', async () => {
    const client = await FrameClient.open(wsUrl());
    const tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    client.send(create('via-anthropic', 'What is the weather in Paris?', { tools }));
    const first = await client.response();
    const completed = first.at(-1) as { response: { id: string } };
    const outputItems = first.filter((frame) => frame.type === 'response.output_item.done').map((frame) => frame.item);
    client.send(create('via-responses', [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And tomorrow?' }] }], { tools, previous_response_id: completed.response.id }));
    expect(types(await client.response()).at(-1)).toBe('response.completed');
    const body = lastRequestBody(responsesUp);
    expect(body).not.toHaveProperty('previous_response_id');
    const input = body.input as Array<Record<string, unknown>>;
    expect(input).toHaveLength(2 + outputItems.length);
    expect(JSON.stringify(input[0])).toContain('What is the weather in Paris?');
    expect(JSON.stringify(input.at(-1))).toContain('And tomorrow?');
  });

  it('answers a prewarm (generate: false) on the socket without calling an upstream', async () => {
    const client = await FrameClient.open(wsUrl());
    client.send(create('via-responses', 'Warm up', { generate: false }));
    const frames = await client.response();
    expect(types(frames)).toEqual(['response.created', 'response.completed']);
    expect(responsesUp.requests).toHaveLength(0);
    const id = (frames[1] as { response: { id: string } }).response.id;
    client.send(create('via-responses', [{ role: 'user', content: 'Now for real' }], { previous_response_id: id }));
    expect(textOf(await client.response())).toBe('Hello from responses-up');
    const body = lastRequestBody(responsesUp);
    expect(body).not.toHaveProperty('generate');
    expect(JSON.stringify(body.input)).toContain('Warm up');
    expect(JSON.stringify(body.input)).toContain('Now for real');
  });
});

describe('Responses WebSocket: errors are event frames and the socket stays open', () => {
  it('invalid JSON -> error event, then the next request works', async () => {
    const client = await FrameClient.open(wsUrl());
    client.send('{"type": "response.create", ');
    const error = await client.next();
    expect(error).toMatchObject({ type: 'error', status: 400, error: { type: 'invalid_request_error' } });
    expect(String(error.message)).toContain('not valid JSON');
    client.send(create('via-responses', 'hi'));
    expect(textOf(await client.response())).toBe('Hello from responses-up');
  });

  it('an unknown message type or a bad body -> error event naming the problem', async () => {
    const client = await FrameClient.open(wsUrl());
    client.send({ type: 'session.update' });
    expect(await client.next()).toMatchObject({ type: 'error', status: 400, param: 'type', message: expect.stringContaining('session.update') });
    client.send({ type: 'response.create', input: 'no model' });
    expect(await client.next()).toMatchObject({ type: 'error', status: 400, param: 'model' });
    client.send(create('no-such-model', 'hi'));
    expect(await client.next()).toMatchObject({ type: 'error', status: 404, code: 'model_not_found' });
    client.send({ type: 'response.processed', response_id: 'resp_1' });
    client.send(create('via-responses', 'hi'));
    expect(types(await client.response())[0]).toBe('response.created');
  });

  it('a second response.create while one runs -> error event; the first completes', async () => {
    const client = await FrameClient.open(wsUrl());
    responsesUp.enqueue({ kind: 'slow-stream', chunks: 4, chunkDelayMs: 40 });
    client.send(create('via-responses', 'slow one'));
    await responsesUp.waitForRequests(1);
    client.send(create('via-responses', 'too early'));
    const frames = await client.response();
    const busy = frames.find((frame) => frame.type === 'error');
    // The busy error arrives while the first stream runs; the first stream then finishes normally.
    expect(busy).toMatchObject({ status: 409, message: expect.stringContaining('already in progress') });
    const rest = await client.response();
    expect(types(rest).at(-1)).toBe('response.completed');
    expect(textOf([...frames, ...rest])).toBe('Hello from responses-up');
    expect(responsesUp.requests).toHaveLength(1);
  });

  it('an upstream 429 on the only account -> one error event with the status', async () => {
    const solo = await startFakeResponsesUpstream({ name: 'solo' });
    const engine = await startTestEngine({ 'codex-api-key': [{ 'api-key': 'k-solo', 'base-url': solo.baseUrl, models: [{ name: 'gpt-5.4', alias: 'solo' }] }] });
    try {
      // Retry-After beyond max-retry-interval (30 s): no further round waits for the account.
      solo.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
      const client = await FrameClient.open(wsUrl(engine));
      client.send(create('solo', 'hi'));
      const frames = await client.response();
      expect(frames).toHaveLength(1);
      expect(frames[0]).toMatchObject({ type: 'error', status: 429, error: { type: expect.any(String), message: expect.any(String) }, headers: { 'retry-after': '120' } });
      expect(client.socket.readyState).toBe(WebSocket.OPEN);
      const line = engine.logLines().find((entry) => entry.transport === 'websocket');
      expect(line).toMatchObject({ model: 'solo', status: 429 });
    } finally {
      await engine.close();
      await solo.close();
    }
  });
});

describe('Responses WebSocket: client close', () => {
  it('closing the socket mid-stream aborts the upstream request', async () => {
    const client = await FrameClient.open(wsUrl());
    responsesUp.enqueue({ kind: 'slow-stream', chunks: 50, chunkDelayMs: 50 });
    client.send(create('via-responses', 'a long answer'));
    for (;;) if ((await client.next()).type === 'response.output_text.delta') break;
    client.socket.close();
    await waitFor(() => responsesUp.requests[0]?.aborted === true);
    await waitFor(() => proxy.logLines().some((line) => line.transport === 'websocket' && line.status === 499));
  });
});

describe('Responses WebSocket: the upgrade', () => {
  it('ws-auth true (the default) refuses an upgrade without a valid key with 401', async () => {
    await expect(FrameClient.open(wsUrl(), {})).rejects.toThrow('upgrade refused: 401');
    await expect(FrameClient.open(wsUrl(), { authorization: 'Bearer wrong-key' })).rejects.toThrow('upgrade refused: 401');
    await expect(FrameClient.open(wsUrl(), { 'x-api-key': testClientKey })).resolves.toBeInstanceOf(FrameClient);
  });

  it('ws-auth false accepts an upgrade without a key', async () => {
    const engine = await startTestEngine({ ...upstreamConfig(), 'ws-auth': false });
    try {
      const client = await FrameClient.open(wsUrl(engine), {});
      client.send(create('via-responses', 'hi'));
      expect(textOf(await client.response())).toBe('Hello from responses-up');
      // The HTTP routes still require the key.
      const plain = await request(`${engine.baseUrl}/models`);
      expect(plain.statusCode).toBe(401);
      await plain.body.dump();
    } finally {
      await engine.close();
    }
  });

  it('a plain GET /v1/responses gets 426; an upgrade to another path gets that path\'s answer', async () => {
    const plain = await request(`${proxy.baseUrl}/responses`, { headers: authHeaders });
    expect(plain.statusCode).toBe(426);
    expect(((await plain.body.json()) as { error: { message: string } }).error.message).toContain('WebSocket');
    await expect(FrameClient.open(`${proxy.origin.replace(/^http/, 'ws')}/v1/nothing-here`)).rejects.toThrow('upgrade refused: 404');
  });

  it('stopping the engine closes open sockets (1001)', async () => {
    const engine = await startTestEngine(upstreamConfig());
    const client = await FrameClient.open(wsUrl(engine));
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    await engine.close();
    expect(await closed).toBe(1001);
  });
});
