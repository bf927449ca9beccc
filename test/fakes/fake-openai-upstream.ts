/**
 * A fake OpenAI-compatible upstream on 127.0.0.1 with real sockets and real SSE, for integration tests
 * and the benchmark. Requests are recorded (headers included, so tests can see which upstream key the
 * proxy sent); scripted steps make it fail in the ways real upstreams do.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildCompletionBody,
  buildErrorBody,
  buildModelList,
  buildStreamChunks,
  estimatePromptTokens,
  fakeToolArguments,
  isRecord,
  splitContent,
  type CompletionKind,
  type CompletionPlan,
  wantsWeatherTool,
} from './fake-openai-bodies';
import { flattenHeaders, parseBody, readBody, waitForDrain, writeFlushed } from './fake-http-helpers';
import type { FakeOpenAIUpstream, FakeOpenAIUpstreamOptions, FakeStep, RecordedRequest } from './fake-openai-types';

export type { FakeOpenAIUpstream, FakeOpenAIUpstreamOptions, FakeStep, RecordedRequest } from './fake-openai-types';

type Route = 'models' | CompletionKind;
type OkStep = Extract<FakeStep, { kind: 'ok' }>;

interface Exchange {
  route: Route;
  record: RecordedRequest;
  request: IncomingMessage;
  response: ServerResponse;
  /** Set before the fake destroys the socket itself, so that is not recorded as a client abort. */
  selfDestroyed: boolean;
}

interface Runtime {
  name: string;
  content: string;
  chunks: number | undefined;
  timers: Set<NodeJS.Timeout>;
  nextSerial(): number;
}

interface Waiter {
  count: number;
  resolve(): void;
  timer: NodeJS.Timeout;
}

export async function startFakeOpenAIUpstream(options: FakeOpenAIUpstreamOptions = {}): Promise<FakeOpenAIUpstream> {
  const name = options.name ?? 'fake';
  let serial = 0;
  const runtime: Runtime = {
    name,
    content: options.content ?? `Hello from ${name}`,
    chunks: options.chunks,
    timers: new Set(),
    nextSerial: () => (serial += 1),
  };
  const requests: RecordedRequest[] = [];
  const queue: FakeStep[] = [];
  const waiters = new Set<Waiter>();

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
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    waitForRequests: (count, timeoutMs = 2000) => {
      if (requests.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`fake upstream '${name}': expected ${count} requests, got ${requests.length} in ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter: Waiter = { count, resolve, timer };
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
  nextStep: () => FakeStep | undefined,
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
  const exchange: Exchange = { route: route ?? 'models', record, request, response, selfDestroyed: false };
  response.on('close', () => {
    if (!response.writableFinished && !exchange.selfDestroyed) record.aborted = true;
  });
  record.body = parseBody(await readBody(request));
  onRecorded(record);
  if (record.aborted) return;
  if (route === undefined) {
    sendJson(response, 404, buildErrorBody(404, `Invalid URL (${record.method} ${record.path})`));
    return;
  }
  await runStep(nextStep() ?? { kind: 'ok' }, exchange, runtime);
}

async function runStep(step: FakeStep, exchange: Exchange, runtime: Runtime): Promise<void> {
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
  if (route === 'models') {
    sendJson(response, 200, buildModelList(Math.floor(Date.now() / 1000)));
    return;
  }
  const plan = makePlan(route, exchange.record.body, step, runtime);
  const delayMs = step.chunkDelayMs ?? 0;
  if (!isStreamRequest(exchange.record.body)) {
    if (delayMs > 0) await pause(delayMs * plan.pieces.length, response, runtime);
    if (!response.destroyed) sendJson(response, 200, buildCompletionBody(plan));
    return;
  }
  writeSseHead(response);
  for (const chunk of buildStreamChunks(plan)) {
    if (response.destroyed) return;
    if (!response.write(`data: ${JSON.stringify(chunk)}\n\n`)) await waitForDrain(response);
    if (delayMs > 0) await pause(delayMs, response, runtime);
  }
  if (!response.destroyed) response.end('data: [DONE]\n\n');
}

async function resetMidStream(afterChunks: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response, route } = exchange;
  if (route === 'models' || !isStreamRequest(exchange.record.body)) {
    // Non-stream: announce a full JSON body, send half of it, then cut the connection.
    const text = JSON.stringify(
      route === 'models' ? buildModelList(0) : buildCompletionBody(makePlan(route, exchange.record.body, { kind: 'ok' }, runtime)),
    );
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    await writeFlushed(response, text.slice(0, Math.floor(text.length / 2)));
    destroySocket(exchange);
    return;
  }
  const pieces = Math.max(afterChunks, splitContent(runtime.content, runtime.chunks).length);
  const plan = makePlan(route, exchange.record.body, { kind: 'ok', chunks: pieces }, runtime);
  writeSseHead(response);
  for (const chunk of buildStreamChunks(plan).slice(0, afterChunks)) {
    await writeFlushed(response, `data: ${JSON.stringify(chunk)}\n\n`);
  }
  destroySocket(exchange);
}

function makePlan(route: CompletionKind, body: unknown, step: OkStep, runtime: Runtime): CompletionPlan {
  const serial = runtime.nextSerial();
  const content = step.content ?? runtime.content;
  const stream = isStreamRequest(body);
  const streamOptions = isRecord(body) ? body['stream_options'] : undefined;
  const usageRequested = isRecord(streamOptions) && streamOptions['include_usage'] === true;
  const includeUsage = step.usage ?? (stream ? usageRequested : true);
  const model = isRecord(body) && typeof body['model'] === 'string' ? body['model'] : 'gpt-4o';
  return {
    kind: route,
    id: route === 'chat' ? `chatcmpl-fake${serial}` : `cmpl-fake${serial}`,
    created: Math.floor(Date.now() / 1000),
    model,
    content,
    pieces: splitContent(content, step.chunks ?? runtime.chunks),
    promptTokens: estimatePromptTokens(body),
    includeUsage,
    usageNullOnChunks: stream && includeUsage,
    ...weatherToolCall(route, body, serial),
  };
}

function weatherToolCall(route: CompletionKind, body: unknown, serial: number): Pick<CompletionPlan, 'toolCall'> {
  if (route !== 'chat' || !isRecord(body)) return {};
  const tools = Array.isArray(body['tools']) ? body['tools'] : [];
  const names = tools.flatMap((tool) => (isRecord(tool) && isRecord(tool['function']) && typeof tool['function']['name'] === 'string' ? [tool['function']['name']] : []));
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  const lastUser = [...messages].reverse().find((message) => isRecord(message) && message['role'] === 'user');
  const name = wantsWeatherTool(JSON.stringify(isRecord(lastUser) ? lastUser['content'] : ''), names);
  return name ? { toolCall: { id: `call_fake${serial}`, name, arguments: fakeToolArguments } } : {};
}

function matchRoute(method: string, path: string): Route | undefined {
  const pathname = path.split('?')[0];
  if (method === 'GET' && pathname === '/v1/models') return 'models';
  if (method === 'POST' && pathname === '/v1/chat/completions') return 'chat';
  if (method === 'POST' && pathname === '/v1/completions') return 'text';
  return undefined;
}

function isStreamRequest(body: unknown): boolean {
  return isRecord(body) && body['stream'] === true;
}

function sendStatus(response: ServerResponse, step: Extract<FakeStep, { kind: 'status' }>): void {
  const body = step.body ?? buildErrorBody(step.status);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  response.writeHead(step.status, { 'content-type': contentType, ...step.headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function writeSseHead(response: ServerResponse): void {
  // OpenAI sends exactly this content type for streams.
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
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
