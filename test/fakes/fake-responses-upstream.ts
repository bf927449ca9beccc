/**
 * A fake OpenAI Responses upstream on 127.0.0.1 with real sockets and real SSE: `POST /v1/responses`
 * (api.openai.com, Codex API keys) and `POST /backend-api/codex/responses` (the ChatGPT Codex backend,
 * base URLs ending in /codex). Requests are recorded; scripted steps fail the ways real upstreams do.
 * Default answer: "Hello from <name>"; with tools and "weather" in the last user text it calls the
 * first function tool with `{"city":"Paris"}`; with `reasoning.summary` set it adds a reasoning item.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { buildErrorBody, isRecord, splitContent } from './fake-openai-bodies';
import { closeServer, listenOnLoopback, pause, sendJson, sendStatus, writeSseHead, type FakeTimers } from './fake-responses-http';
import { flattenHeaders, parseBody, readBody, waitForDrain, writeFlushed } from './fake-http-helpers';
import {
  buildFailedEvents,
  buildResponseBody,
  buildResponseObject,
  buildResponsesEvents,
  estimateInputTokens,
  firstFunctionTool,
  formatResponsesEvent,
  lastUserText,
  type ResponsesEvent,
  type ResponsesPlan,
} from './fake-responses-bodies';
import type { FakeFunctionCall, FakeResponsesStep, FakeResponsesUpstream, FakeResponsesUpstreamOptions, RecordedRequest } from './fake-responses-types';

export type { FakeFunctionCall, FakeResponsesStep, FakeResponsesUpstream, FakeResponsesUpstreamOptions, RecordedRequest } from './fake-responses-types';

type OkStep = Extract<FakeResponsesStep, { kind: 'ok' }>;

interface Exchange {
  record: RecordedRequest;
  request: IncomingMessage;
  response: ServerResponse;
  /** Set before the fake destroys the socket itself, so that is not recorded as a client abort. */
  selfDestroyed: boolean;
}

interface Runtime extends FakeTimers {
  content: string;
  chunks: number | undefined;
  nextSerial(): number;
}

interface Waiter {
  count: number;
  resolve(): void;
  timer: NodeJS.Timeout;
}

export async function startFakeResponsesUpstream(options: FakeResponsesUpstreamOptions = {}): Promise<FakeResponsesUpstream> {
  const name = options.name ?? 'fake-responses';
  let serial = 0;
  const runtime: Runtime = { content: options.content ?? `Hello from ${name}`, chunks: options.chunks, timers: new Set(), nextSerial: () => (serial += 1) };
  const requests: RecordedRequest[] = [];
  const queue: FakeResponsesStep[] = [];
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
    codexBaseUrl: `http://127.0.0.1:${port}/backend-api/codex`,
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

/** POST /v1/responses, /responses, or any base path ending in /codex (…/codex/responses). */
function isResponsesRoute(method: string, path: string): boolean {
  const pathname = path.split('?')[0] ?? '';
  return method === 'POST' && (pathname === '/v1/responses' || pathname === '/responses' || pathname.endsWith('/codex/responses'));
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  runtime: Runtime,
  onRecorded: (record: RecordedRequest) => void,
  nextStep: () => FakeResponsesStep | undefined,
): Promise<void> {
  const record: RecordedRequest = {
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers: flattenHeaders(request.headers),
    body: undefined,
    receivedAt: Date.now(),
    aborted: false,
  };
  const exchange: Exchange = { record, request, response, selfDestroyed: false };
  response.on('close', () => {
    if (!response.writableFinished && !exchange.selfDestroyed) record.aborted = true;
  });
  record.body = parseBody(await readBody(request));
  onRecorded(record);
  if (record.aborted) return;
  if (!isResponsesRoute(record.method, record.path)) {
    sendJson(response, 404, buildErrorBody(404, `Invalid URL (${record.method} ${record.path})`));
    return;
  }
  await runStep(nextStep() ?? { kind: 'ok' }, exchange, runtime);
}

async function runStep(step: FakeResponsesStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  switch (step.kind) {
    case 'ok':
      return respondOk(step, exchange, runtime);
    case 'status':
      return sendStatus(exchange.response, step);
    case 'response-failed':
      return respondFailed(step.code ?? 'server_error', step.message ?? 'The model failed to generate a response.', exchange, runtime);
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

async function respondOk(step: OkStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response } = exchange;
  if (response.destroyed) return;
  const plan = makePlan(exchange.record.body, step, runtime);
  const delayMs = step.chunkDelayMs ?? 0;
  if (!isStreamRequest(exchange.record.body)) {
    if (delayMs > 0) await pause(delayMs * plan.pieces.length, response, runtime);
    if (!response.destroyed) sendJson(response, 200, buildResponseBody(plan));
    return;
  }
  await writeEvents(buildResponsesEvents(plan), exchange, runtime, delayMs);
}

async function respondFailed(code: string, message: string, exchange: Exchange, runtime: Runtime): Promise<void> {
  const plan = makePlan(exchange.record.body, { kind: 'ok' }, runtime);
  if (!isStreamRequest(exchange.record.body)) {
    sendJson(exchange.response, 200, buildResponseObject(plan, 'failed', { error: { code, message }, output: [], usage: null }));
    return;
  }
  await writeEvents(buildFailedEvents(plan, code, message), exchange, runtime, 0);
}

async function writeEvents(events: readonly ResponsesEvent[], exchange: Exchange, runtime: Runtime, delayMs: number): Promise<void> {
  const { response } = exchange;
  writeSseHead(response);
  for (const [sequence, event] of events.entries()) {
    if (response.destroyed) return;
    if (!response.write(formatResponsesEvent(event, sequence))) await waitForDrain(response);
    if (delayMs > 0 && event.type.endsWith('.delta')) await pause(delayMs, response, runtime);
  }
  if (!response.destroyed) response.end();
}

async function resetMidStream(afterEvents: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response } = exchange;
  const plan = makePlan(exchange.record.body, { kind: 'ok' }, runtime);
  if (!isStreamRequest(exchange.record.body)) {
    // Non-stream: announce a full JSON body, send half of it, then cut the connection.
    const text = JSON.stringify(buildResponseBody(plan));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    await writeFlushed(response, text.slice(0, Math.floor(text.length / 2)));
    destroySocket(exchange);
    return;
  }
  writeSseHead(response);
  for (const [sequence, event] of buildResponsesEvents(plan).slice(0, afterEvents).entries()) {
    await writeFlushed(response, formatResponsesEvent(event, sequence));
  }
  destroySocket(exchange);
}

function makePlan(body: unknown, step: OkStep, runtime: Runtime): ResponsesPlan {
  const serial = runtime.nextSerial();
  const model = isRecord(body) && typeof body['model'] === 'string' ? body['model'] : 'gpt-5';
  const functionCall = step.functionCall ?? defaultFunctionCall(body);
  const content = functionCall ? '' : (step.content ?? runtime.content);
  const plan: ResponsesPlan = {
    id: `resp_fake${serial}`,
    createdAt: Math.floor(Date.now() / 1000),
    model,
    content,
    pieces: splitContent(content, step.chunks ?? runtime.chunks),
    inputTokens: estimateInputTokens(body),
    echo: pickEcho(body),
  };
  const reasoning = step.reasoning ?? (wantsReasoningSummary(body) ? 'Considering the request.' : undefined);
  if (reasoning !== undefined) {
    plan.reasoning = { text: reasoning, pieces: splitContent(reasoning) };
    if (wantsEncryptedReasoning(body)) plan.reasoning.encryptedContent = `gAAAAfake${serial}`;
  }
  if (functionCall) plan.functionCall = { callId: functionCall.callId ?? `call_fake${serial}`, name: functionCall.name, arguments: functionCall.arguments, pieces: splitContent(functionCall.arguments, 2) };
  if (step.incompleteReason) plan.incompleteReason = step.incompleteReason;
  return plan;
}

function defaultFunctionCall(body: unknown): FakeFunctionCall | undefined {
  const tool = firstFunctionTool(body);
  if (!tool || !/weather/i.test(lastUserText(body))) return undefined;
  return { name: tool, arguments: '{"city":"Paris"}' };
}

function wantsReasoningSummary(body: unknown): boolean {
  const reasoning = isRecord(body) ? body['reasoning'] : undefined;
  return isRecord(reasoning) && typeof reasoning['summary'] === 'string' && reasoning['summary'] !== 'none';
}

function wantsEncryptedReasoning(body: unknown): boolean {
  const include = isRecord(body) ? body['include'] : undefined;
  return Array.isArray(include) && include.includes('reasoning.encrypted_content');
}

function pickEcho(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) return {};
  const echo: Record<string, unknown> = {};
  for (const key of ['instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'store', 'reasoning', 'text', 'max_output_tokens']) {
    if (body[key] !== undefined) echo[key] = body[key];
  }
  return echo;
}

function isStreamRequest(body: unknown): boolean {
  return isRecord(body) && body['stream'] === true;
}

function destroySocket(exchange: Exchange): void {
  exchange.selfDestroyed = true;
  exchange.request.socket.destroy();
}

