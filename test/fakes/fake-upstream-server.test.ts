import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cutJsonBody, cutStream, sendJson, sendJsonAfter, sendStatusStep, SSE_HEADERS, streamItems, wireIndependentSteps } from './fake-upstream-replies';
import { startFakeUpstreamServer, type BasicOkStep, type FakeExchange, type FakeUpstreamServer } from './fake-upstream-server';
import { jsonReply, serveCannedResponse, serveCannedResponseDuringTests } from './serve-canned-response';

/** A toy wire on the shared scaffolding: GET /hello answers JSON, POST /stream answers three SSE frames. */
type Route = 'hello' | 'stream';
type ToyStep =
  | { kind: 'ok'; text?: string; chunks?: number; chunkDelayMs?: number }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'reset-before-headers' }
  | { kind: 'reset-mid-stream'; afterFrames: number }
  | { kind: 'stall'; ms: number }
  | { kind: 'slow-stream'; chunks: number; chunkDelayMs: number };

const frames = (text: string): string[] => ['a', 'b', text].map((item) => `data: ${item}\n\n`);

async function respondOk(step: BasicOkStep & { text?: string }, exchange: FakeExchange<Route>): Promise<void> {
  if (exchange.response.destroyed) return;
  const text = step.text ?? `hello #${exchange.serial}`;
  if (exchange.route === 'hello') return sendJsonAfter(exchange, step.chunkDelayMs ?? 0, { text });
  await streamItems(exchange, SSE_HEADERS, frames(text), (frame) => frame, { delayMs: step.chunkDelayMs ?? 0, trailer: 'data: [DONE]\n\n' });
}

function startToy(): Promise<FakeUpstreamServer<ToyStep>> {
  return startFakeUpstreamServer<Route, ToyStep>({
    label: "toy upstream 't'",
    matchRoute: (method, path) => (method === 'GET' && path === '/hello' ? 'hello' : method === 'POST' && path === '/stream' ? 'stream' : undefined),
    replyNotFound: ({ response, record }) => sendJson(response, 404, { missing: record.path }),
    refuse: ({ response, record }) => {
      if (record.headers['x-key'] !== 'bad') return false;
      sendJson(response, 401, { refused: true });
      return true;
    },
    steps: {
      ok: respondOk,
      status: (step, exchange) => sendStatusStep(exchange.response, step, { error: step.status }),
      'reset-mid-stream': (step, exchange) =>
        exchange.route === 'hello' ? cutJsonBody(exchange, { text: 'x'.repeat(40) }) : cutStream(exchange, SSE_HEADERS, frames('c').slice(0, step.afterFrames)),
      ...wireIndependentSteps(respondOk),
    },
  });
}

let toy: FakeUpstreamServer<ToyStep>;
let agent: Agent;
const url = (path: string): string => `http://127.0.0.1:${toy.port}${path}`;
const call = (path: string, headers: Record<string, string> = {}) =>
  request(url(path), { method: path === '/hello' ? 'GET' : 'POST', headers, dispatcher: agent, ...(path === '/hello' ? {} : { body: '{"q":1}' }) });

beforeEach(async () => {
  toy = await startToy();
  agent = new Agent();
});

afterEach(async () => {
  await agent.close();
  await toy.controls.close();
});

describe('startFakeUpstreamServer', () => {
  it('records every request and answers the default ok step', async () => {
    const reply = await call('/stream', { 'X-Trace': 'one' });
    expect(reply.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(await reply.body.text()).toBe('data: a\n\ndata: b\n\ndata: hello #1\n\ndata: [DONE]\n\n');
    expect(toy.controls.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/stream', body: { q: 1 }, aborted: false, headers: expect.objectContaining({ 'x-trace': 'one' }) }),
    ]);
  });

  it('consumes steps only for known, unrefused routes, in order', async () => {
    toy.controls.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3' } }, { kind: 'ok', text: 'second' });
    expect((await call('/nowhere')).statusCode).toBe(404);
    expect((await call('/hello', { 'x-key': 'bad' })).statusCode).toBe(401);
    const limited = await call('/hello');
    expect([limited.statusCode, limited.headers['retry-after'], await limited.body.json()]).toEqual([429, '3', { error: 429 }]);
    expect(await (await call('/hello')).body.json()).toEqual({ text: 'second' });
    expect(await (await call('/hello')).body.json()).toEqual({ text: 'hello #5' });
    expect(toy.controls.requests.map((record) => record.path)).toEqual(['/nowhere', '/hello', '/hello', '/hello', '/hello']);
  });

  it('cuts connections on purpose without recording a client abort', async () => {
    toy.controls.enqueue({ kind: 'reset-before-headers' }, { kind: 'reset-mid-stream', afterFrames: 2 });
    await expect(call('/hello')).rejects.toThrow();
    const cut = await call('/stream');
    await expect(cut.body.text()).rejects.toThrow();
    expect(toy.controls.requests.map((record) => record.aborted)).toEqual([false, false]);
  });

  it('records a client that leaves mid-stream as aborted', async () => {
    toy.controls.enqueue({ kind: 'slow-stream', chunks: 3, chunkDelayMs: 200 });
    const controller = new AbortController();
    const reply = await request(url('/stream'), { method: 'POST', body: '{}', dispatcher: agent, signal: controller.signal });
    controller.abort();
    await reply.body.text().catch(() => undefined);
    await expect.poll(() => toy.controls.requests[0]?.aborted).toBe(true);
  });

  it('waitForRequests names the fake on timeout; reset clears requests and the queue', async () => {
    await expect(toy.controls.waitForRequests(1, 30)).rejects.toThrow("toy upstream 't': expected 1 requests, got 0 in 30 ms");
    toy.controls.enqueue({ kind: 'status', status: 500 });
    const waiting = toy.controls.waitForRequests(1);
    await call('/hello');
    await waiting;
    toy.controls.enqueue({ kind: 'status', status: 503 });
    toy.controls.reset();
    expect(toy.controls.requests).toEqual([]);
    expect((await call('/hello')).statusCode).toBe(200);
  });

  it('close() ends a stalled exchange and its timer', async () => {
    toy.controls.enqueue({ kind: 'stall', ms: 60_000 });
    const pending = call('/hello').catch((error: unknown) => error);
    await toy.controls.waitForRequests(1);
    await toy.controls.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('serveCannedResponse', () => {
  it('serves the reply the test hands it, in pieces when asked, and records the request', async () => {
    const canned = await serveCannedResponse((incoming) => (incoming.path === '/json' ? jsonReply({ ok: true }, 201) : { status: 200, headers: {}, body: 'abcdefg', pieceLength: 3 }));
    try {
      const json = await request(`${canned.origin}/json`, { method: 'POST', body: '{"model":"m"}', dispatcher: agent });
      expect([json.statusCode, await json.body.json()]).toEqual([201, { ok: true }]);
      expect(await (await request(`${canned.origin}/text`, { dispatcher: agent })).body.text()).toBe('abcdefg');
      expect(canned.requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
        { method: 'POST', path: '/json', body: { model: 'm' } },
        { method: 'GET', path: '/text', body: {} },
      ]);
    } finally {
      await canned.close();
    }
  });

  it('turns a throwing reply function into a 500 that names the error', async () => {
    const canned = await serveCannedResponse(() => {
      throw new Error('no scenario');
    });
    try {
      const reply = await request(`${canned.origin}/x`, { dispatcher: agent });
      expect([reply.statusCode, await reply.body.text()]).toEqual([500, 'serveCannedResponse: Error: no scenario']);
    } finally {
      await canned.close();
    }
  });
});

describe('serveCannedResponseDuringTests', () => {
  const canned = serveCannedResponseDuringTests(({ path }) => jsonReply({ path }));

  it('runs for the tests of its block', async () => {
    const reply = await request(`${canned.origin}/ping`, { dispatcher: agent });
    expect(await reply.body.json()).toEqual({ path: '/ping' });
    expect(canned.requests).toHaveLength(1);
  });
});
