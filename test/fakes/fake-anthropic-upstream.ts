/**
 * A fake Anthropic Messages upstream on 127.0.0.1 with real sockets and real SSE, for integration tests:
 * POST /v1/messages (JSON and stream), POST /v1/messages/count_tokens, GET /v1/models. Requests are
 * recorded; scripted steps fail the way api.anthropic.com does (529 overloaded, 429 + retry-after, an
 * `error` event inside a 200 stream, resets, stalls).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildErrorBody,
  buildMessageBody,
  buildModelList,
  buildStreamEvents,
  estimateInputTokens,
  formatEvent,
  planReply,
  type AnthropicPlan,
  type PlanInput,
} from './fake-anthropic-bodies';
import type { FakeAnthropicStep, FakeAnthropicUpstream, FakeAnthropicUpstreamOptions, RecordedRequest } from './fake-anthropic-types';
import { isRecord } from './fake-openai-bodies';
import { flattenHeaders, parseBody, readBody, waitForDrain, writeFlushed } from './fake-http-helpers';

export type { FakeAnthropicBlock, FakeAnthropicStep, FakeAnthropicUpstream, FakeAnthropicUpstreamOptions } from './fake-anthropic-types';

type Route = 'messages' | 'count' | 'models';
type OkStep = Extract<FakeAnthropicStep, { kind: 'ok' }>;

interface Exchange {
  route: Route;
  record: RecordedRequest;
  request: IncomingMessage;
  response: ServerResponse;
  serial: number;
  /** Set before the fake destroys the socket itself, so that is not recorded as a client abort. */
  selfDestroyed: boolean;
}

interface Runtime {
  defaultText: string;
  chunks: number | undefined;
  models: string[];
  apiKey: string | undefined;
  timers: Set<NodeJS.Timeout>;
}

const DEFAULT_MODELS = ['claude-opus-4-7', 'claude-sonnet-4-6', 'claude-haiku-4-5'];

export async function startFakeAnthropicUpstream(options: FakeAnthropicUpstreamOptions = {}): Promise<FakeAnthropicUpstream> {
  const name = options.name ?? 'fake';
  const runtime: Runtime = {
    defaultText: options.content ?? `Hello from ${name}`,
    chunks: options.chunks,
    models: options.models ?? DEFAULT_MODELS,
    apiKey: options.apiKey,
    timers: new Set(),
  };
  const requests: RecordedRequest[] = [];
  const queue: FakeAnthropicStep[] = [];
  const waiters = new Set<{ count: number; resolve: () => void; timer: NodeJS.Timeout }>();
  let serial = 0;
  const onRecorded = (record: RecordedRequest): void => {
    requests.push(record);
    for (const waiter of waiters) {
      if (requests.length < waiter.count) continue;
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  const server = createServer((request, response) => {
    serial += 1;
    void handleRequest(request, response, runtime, serial, onRecorded, () => queue.shift());
  });
  const port = await listenOnLoopback(server);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    waitForRequests: (count, timeoutMs = 2000) => {
      if (requests.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`fake Anthropic upstream '${name}': expected ${count} requests, got ${requests.length} in ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = { count, resolve, timer };
        waiters.add(waiter);
      });
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () => closeServer(server, runtime),
  };
}

function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server, runtime: Runtime): Promise<void> {
  for (const timer of runtime.timers) clearTimeout(timer);
  runtime.timers.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  runtime: Runtime,
  serial: number,
  onRecorded: (record: RecordedRequest) => void,
  nextStep: () => FakeAnthropicStep | undefined,
): Promise<void> {
  const record: RecordedRequest = {
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers: flattenHeaders(request.headers),
    body: undefined,
    receivedAt: Date.now(),
    aborted: false,
  };
  const route = matchRoute(record.method, record.path);
  const exchange: Exchange = { route: route ?? 'models', record, request, response, serial, selfDestroyed: false };
  response.on('close', () => {
    if (!response.writableFinished && !exchange.selfDestroyed) record.aborted = true;
  });
  record.body = parseBody(await readBody(request));
  onRecorded(record);
  if (record.aborted) return;
  if (route === undefined) {
    sendJson(response, 404, buildErrorBody(404, `Not found: ${record.method} ${record.path}`), serial);
    return;
  }
  if (runtime.apiKey !== undefined && presentedKey(record.headers) !== runtime.apiKey) {
    sendJson(response, 401, buildErrorBody(401, 'invalid x-api-key'), serial);
    return;
  }
  await runStep(nextStep() ?? { kind: 'ok' }, exchange, runtime);
}

function presentedKey(headers: Record<string, string>): string | undefined {
  const bearer = headers['authorization']?.replace(/^Bearer\s+/i, '');
  return headers['x-api-key'] ?? bearer;
}

async function runStep(step: FakeAnthropicStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  switch (step.kind) {
    case 'ok':
      return respondOk(step, exchange, runtime);
    case 'status':
      return sendStatus(exchange, step);
    case 'stream-error':
      return streamThenError(step, exchange, runtime);
    case 'reset-before-headers':
      destroySocket(exchange);
      return;
    case 'reset-mid-stream':
      return resetMidStream(step.afterEvents, exchange, runtime);
    case 'stall':
      await pause(step.ms, exchange.response, runtime);
      return respondOk({ kind: 'ok' }, exchange, runtime);
    case 'slow-stream':
      return respondOk({ kind: 'ok', chunks: step.chunks, chunkDelayMs: step.chunkDelayMs }, exchange, runtime);
    default: {
      const unknownStep: never = step;
      throw new Error(`unknown fake step ${JSON.stringify(unknownStep)}`);
    }
  }
}

function makePlan(exchange: Exchange, runtime: Runtime, step: OkStep): AnthropicPlan {
  const input: PlanInput = { serial: exchange.serial, body: exchange.record.body, defaultText: runtime.defaultText };
  if (step.content !== undefined) input.content = step.content;
  if (step.stopReason !== undefined) input.stopReason = step.stopReason;
  if (step.stopSequence !== undefined) input.stopSequence = step.stopSequence;
  const chunks = step.chunks ?? runtime.chunks;
  if (chunks !== undefined) input.chunks = chunks;
  return planReply(input);
}

async function respondOk(step: OkStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response, route, serial } = exchange;
  if (response.destroyed) return;
  if (route === 'models') return sendJson(response, 200, buildModelList(runtime.models), serial);
  if (route === 'count') return sendJson(response, 200, { input_tokens: estimateInputTokens(exchange.record.body) }, serial);
  const plan = makePlan(exchange, runtime, step);
  const delayMs = step.chunkDelayMs ?? 0;
  if (!isStreamRequest(exchange.record.body)) {
    if (delayMs > 0) await pause(delayMs * 3, response, runtime);
    if (!response.destroyed) sendJson(response, 200, buildMessageBody(plan), serial);
    return;
  }
  writeSseHead(response, serial);
  for (const event of buildStreamEvents(plan)) {
    if (response.destroyed) return;
    if (!response.write(formatEvent(event))) await waitForDrain(response);
    if (delayMs > 0 && event.event === 'content_block_delta') await pause(delayMs, response, runtime);
  }
  if (!response.destroyed) response.end();
}

/** A 200 stream that breaks with an in-stream error event, as Anthropic does when overloaded mid-answer. */
async function streamThenError(step: Extract<FakeAnthropicStep, { kind: 'stream-error' }>, exchange: Exchange, runtime: Runtime): Promise<void> {
  const plan = makePlan(exchange, runtime, { kind: 'ok' });
  const type = step.errorType ?? 'overloaded_error';
  writeSseHead(exchange.response, exchange.serial);
  for (const event of buildStreamEvents(plan).slice(0, step.afterEvents ?? 3)) await writeFlushed(exchange.response, formatEvent(event));
  const error = { event: 'error', data: { type: 'error', error: { type, message: step.message ?? 'Overloaded' } } };
  exchange.response.end(formatEvent(error));
}

async function resetMidStream(afterEvents: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response } = exchange;
  const plan = makePlan(exchange, runtime, { kind: 'ok' });
  if (exchange.route !== 'messages' || !isStreamRequest(exchange.record.body)) {
    // Non-stream: announce a full JSON body, send half of it, then cut the connection.
    const text = JSON.stringify(buildMessageBody(plan));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    await writeFlushed(response, text.slice(0, Math.floor(text.length / 2)));
    destroySocket(exchange);
    return;
  }
  writeSseHead(response, exchange.serial);
  for (const event of buildStreamEvents(plan).slice(0, afterEvents)) await writeFlushed(response, formatEvent(event));
  destroySocket(exchange);
}

function matchRoute(method: string, path: string): Route | undefined {
  const pathname = path.split('?')[0];
  if (method === 'GET' && pathname === '/v1/models') return 'models';
  if (method === 'POST' && pathname === '/v1/messages') return 'messages';
  if (method === 'POST' && pathname === '/v1/messages/count_tokens') return 'count';
  return undefined;
}

function isStreamRequest(body: unknown): boolean {
  return isRecord(body) && body['stream'] === true;
}

function sendStatus(exchange: Exchange, step: Extract<FakeAnthropicStep, { kind: 'status' }>): void {
  const body = step.body ?? buildErrorBody(step.status, undefined, `req_fake${exchange.serial}`);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  exchange.response.writeHead(step.status, {
    'content-type': contentType,
    'request-id': `req_fake${exchange.serial}`,
    ...step.headers,
    'content-length': Buffer.byteLength(text),
  });
  exchange.response.end(text);
}

function sendJson(response: ServerResponse, status: number, body: unknown, serial: number): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake${serial}`, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function writeSseHead(response: ServerResponse, serial: number): void {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': `req_fake${serial}` });
  response.flushHeaders();
}

function destroySocket(exchange: Exchange): void {
  exchange.selfDestroyed = true;
  exchange.request.socket.destroy();
}

/** Sleep that ends early when the connection closes or the fake is closed. */
function pause(ms: number, response: ServerResponse, runtime: Runtime): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      runtime.timers.delete(timer);
      response.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    runtime.timers.add(timer);
    response.once('close', done);
  });
}
