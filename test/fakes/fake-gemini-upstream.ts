/**
 * A fake Gemini API upstream (generativelanguage.googleapis.com) on 127.0.0.1 with real sockets and real
 * SSE, for integration tests and the official @google/genai SDK. Serves `GET /v1beta/models`,
 * `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent` (`?alt=sse` as the SDKs ask,
 * otherwise the REST JSON-array stream) and `:countTokens`. Requests are recorded; scripted steps fail
 * the way the real API does (429 RESOURCE_EXHAUSTED with RetryInfo, resets, stalls, slow streams).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildCountTokensBody,
  buildGeminiErrorBody,
  buildGeminiModelList,
  buildGenerateContentBody,
  buildStreamChunks,
  chooseReply,
  estimateGeminiPromptTokens,
  type GeminiPlan,
} from './fake-gemini-bodies';
import type { FakeGeminiStep, FakeGeminiUpstream, FakeGeminiUpstreamOptions, RecordedRequest } from './fake-gemini-types';
import { flattenHeaders, parseBody, readBody, waitForDrain, writeFlushed } from './fake-http-helpers';
import { isRecord, splitContent } from './fake-openai-bodies';

export type { FakeGeminiStep, FakeGeminiUpstream, FakeGeminiUpstreamOptions, RecordedRequest } from './fake-gemini-types';

type Route = { kind: 'models' } | { kind: 'generate' | 'stream' | 'count'; model: string; sse: boolean };
type OkStep = Extract<FakeGeminiStep, { kind: 'ok' }>;

interface Exchange {
  route: Route;
  record: RecordedRequest;
  request: IncomingMessage;
  response: ServerResponse;
  /** Set before the fake destroys the socket itself, so that is not recorded as a client abort. */
  selfDestroyed: boolean;
}

interface Runtime {
  text: string;
  chunks: number | undefined;
  timers: Set<NodeJS.Timeout>;
  nextSerial(): number;
}

export async function startFakeGeminiUpstream(options: FakeGeminiUpstreamOptions = {}): Promise<FakeGeminiUpstream> {
  const name = options.name ?? 'fake-gemini';
  let serial = 0;
  const runtime: Runtime = { text: options.text ?? `Hello from ${name}`, chunks: options.chunks, timers: new Set(), nextSerial: () => (serial += 1) };
  const requests: RecordedRequest[] = [];
  const queue: FakeGeminiStep[] = [];
  const waiters = new Set<{ count: number; resolve(): void; timer: NodeJS.Timeout }>();
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
    void handleRequest(request, response, runtime, onRecorded, () => queue.shift());
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
        const waiter = {
          count,
          resolve,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`fake Gemini upstream '${name}': expected ${count} requests, got ${requests.length} in ${timeoutMs} ms`));
          }, timeoutMs),
        };
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
  onRecorded: (record: RecordedRequest) => void,
  nextStep: () => FakeGeminiStep | undefined,
): Promise<void> {
  const record: RecordedRequest = { method: request.method ?? 'GET', path: request.url ?? '/', headers: flattenHeaders(request.headers), body: undefined, receivedAt: Date.now(), aborted: false };
  const route = matchRoute(record.method, record.path);
  const exchange: Exchange = { route: route ?? { kind: 'models' }, record, request, response, selfDestroyed: false };
  response.on('close', () => {
    if (!response.writableFinished && !exchange.selfDestroyed) record.aborted = true;
  });
  record.body = parseBody(await readBody(request));
  onRecorded(record);
  if (record.aborted) return;
  if (!route) {
    sendJson(response, 404, buildGeminiErrorBody(404, `Invalid URL (${record.method} ${record.path})`));
    return;
  }
  // The real API refuses callers without a key (x-goog-api-key header or ?key=) before anything else.
  if (!record.headers['x-goog-api-key'] && !new URL(record.path, 'http://fake').searchParams.get('key')) {
    sendJson(response, 403, buildGeminiErrorBody(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."));
    return;
  }
  await runStep(nextStep() ?? { kind: 'ok' }, exchange, runtime);
}

async function runStep(step: FakeGeminiStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  switch (step.kind) {
    case 'ok':
      return respondOk(step, exchange, runtime);
    case 'status':
      return sendStatus(exchange.response, step);
    case 'reset-before-headers':
      destroySocket(exchange);
      return;
    case 'reset-mid-stream':
      return resetMidStream(step.afterChunks, exchange, runtime);
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

async function respondOk(step: OkStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response, route } = exchange;
  if (response.destroyed) return;
  if (route.kind === 'models') return sendJson(response, 200, buildGeminiModelList());
  if (route.kind === 'count') return sendJson(response, 200, buildCountTokensBody(estimateGeminiPromptTokens(exchange.record.body)));
  const plan = makePlan(route.model, exchange.record.body, step, runtime);
  const delayMs = step.chunkDelayMs ?? 0;
  if (route.kind === 'generate') {
    if (delayMs > 0) await pause(delayMs * plan.pieces.length, response, runtime);
    if (!response.destroyed) sendJson(response, 200, buildGenerateContentBody(plan));
    return;
  }
  writeStreamHead(response, route.sse);
  const chunks = buildStreamChunks(plan);
  for (const [index, chunk] of chunks.entries()) {
    if (response.destroyed) return;
    if (!response.write(frameChunk(chunk, index, route.sse))) await waitForDrain(response);
    if (delayMs > 0) await pause(delayMs, response, runtime);
  }
  if (!response.destroyed) response.end(route.sse ? '' : chunks.length === 0 ? '[]' : '\n]');
}

async function resetMidStream(afterChunks: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response, route } = exchange;
  if (route.kind !== 'stream') {
    // Non-stream: announce a full JSON body, send half of it, then cut the connection.
    const body = route.kind === 'generate' ? buildGenerateContentBody(makePlan(route.model, exchange.record.body, { kind: 'ok' }, runtime)) : buildGeminiModelList();
    const text = JSON.stringify(body);
    response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
    await writeFlushed(response, text.slice(0, Math.floor(text.length / 2)));
    destroySocket(exchange);
    return;
  }
  const pieces = Math.max(afterChunks + 1, splitContent(runtime.text, runtime.chunks).length);
  const plan = makePlan(route.model, exchange.record.body, { kind: 'ok', chunks: pieces }, runtime);
  writeStreamHead(response, route.sse);
  for (const [index, chunk] of buildStreamChunks(plan).slice(0, afterChunks).entries()) await writeFlushed(response, frameChunk(chunk, index, route.sse));
  destroySocket(exchange);
}

function makePlan(model: string, body: unknown, step: OkStep, runtime: Runtime): GeminiPlan {
  const serial = runtime.nextSerial();
  const text = step.text ?? runtime.text;
  const reply = step.functionCall ? { kind: 'function-call' as const, name: step.functionCall.name, args: step.functionCall.args ?? {} } : chooseReply(body, text);
  return {
    model,
    responseId: `fake-gemini-response-${serial}`,
    reply,
    thought: step.thought ?? (wantsThoughts(body) ? 'Considering the request.' : undefined),
    pieces: splitContent(reply.kind === 'text' ? reply.text : '', step.chunks ?? runtime.chunks),
    promptTokens: estimateGeminiPromptTokens(body),
  };
}

function wantsThoughts(body: unknown): boolean {
  const config = isRecord(body) ? body['generationConfig'] : undefined;
  const thinking = isRecord(config) ? config['thinkingConfig'] : undefined;
  return isRecord(thinking) && thinking['includeThoughts'] === true;
}

/** `/v1beta/models/{model}:{method}`; the model may contain '/' (tuned models), so split at the last ':'. */
function matchRoute(method: string, path: string): Route | undefined {
  const url = new URL(path, 'http://fake');
  if (method === 'GET' && url.pathname === '/v1beta/models') return { kind: 'models' };
  const match = /^\/v1beta\/models\/(.+):(generateContent|streamGenerateContent|countTokens)$/.exec(url.pathname);
  if (method !== 'POST' || !match?.[1]) return undefined;
  const model = decodeURIComponent(match[1]);
  const kind = match[2] === 'generateContent' ? 'generate' : match[2] === 'countTokens' ? 'count' : 'stream';
  return { kind, model, sse: url.searchParams.get('alt') === 'sse' };
}

/** SSE events end with CRLF CRLF as Google sends them; the JSON-array form separates chunks with `,\r\n`. */
function frameChunk(chunk: Record<string, unknown>, index: number, sse: boolean): string {
  if (sse) return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
  return `${index === 0 ? '[' : '\n,\r\n'}${JSON.stringify(chunk)}`;
}

function sendStatus(response: ServerResponse, step: Extract<FakeGeminiStep, { kind: 'status' }>): void {
  const body = step.body ?? buildGeminiErrorBody(step.status, undefined, step.retryDelaySeconds);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=UTF-8';
  response.writeHead(step.status, { 'content-type': contentType, ...step.headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function writeStreamHead(response: ServerResponse, sse: boolean): void {
  response.writeHead(200, { 'content-type': sse ? 'text/event-stream' : 'application/json; charset=UTF-8', 'cache-control': 'no-cache' });
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
