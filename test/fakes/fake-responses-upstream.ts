/**
 * A fake OpenAI Responses upstream on 127.0.0.1 with real sockets and real SSE: `POST /v1/responses`
 * (api.openai.com, Codex API keys) and `POST /backend-api/codex/responses` (the ChatGPT Codex backend,
 * base URLs ending in /codex). Requests are recorded; scripted steps fail the ways real upstreams do.
 * Default answer: "Hello from <name>"; with tools and "weather" in the last user text it calls the
 * first function tool with `{"city":"Paris"}`; with `reasoning.summary` set it adds a reasoning item.
 * With `strictCodex` it refuses what the real Codex backend refuses (codex-backend-rules.ts) before any step.
 * The server, the recording and the step queue are fake-upstream-server.ts; this file is the Responses wire.
 */
import { refuseLikeCodexBackend } from './codex-backend-rules';
import { buildErrorBody, isRecord, splitContent } from './fake-openai-bodies';
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
import type { FakeFunctionCall, FakeResponsesStep, FakeResponsesUpstream, FakeResponsesUpstreamOptions } from './fake-responses-types';
import { cutJsonBody, cutStream, sendJson, sendJsonAfter, sendStatusStep, SSE_HEADERS, streamItems, wireIndependentSteps } from './fake-upstream-replies';
import { startFakeUpstreamServer, type FakeExchange, type StepHandlers } from './fake-upstream-server';

export type { FakeFunctionCall, FakeResponsesStep, FakeResponsesUpstream, FakeResponsesUpstreamOptions, RecordedRequest } from './fake-responses-types';

type OkStep = Extract<FakeResponsesStep, { kind: 'ok' }>;

/**
 * POST /v1/responses, /responses, or any base path ending in /codex (…/codex/responses); 'compact' is the
 * same with `/compact` appended (Codex's context compaction, answered with one JSON object).
 */
type Route = 'responses' | 'compact';
type Exchange = FakeExchange<Route>;

interface Runtime {
  content: string;
  chunks: number | undefined;
  nextSerial(): number;
}

export async function startFakeResponsesUpstream(options: FakeResponsesUpstreamOptions = {}): Promise<FakeResponsesUpstream> {
  const name = options.name ?? 'fake-responses';
  let serial = 0;
  const runtime: Runtime = { content: options.content ?? `Hello from ${name}`, chunks: options.chunks, nextSerial: () => (serial += 1) };
  const { port, controls } = await startFakeUpstreamServer<Route, FakeResponsesStep>({
    label: `fake upstream '${name}'`,
    matchRoute,
    replyNotFound: ({ response, record }) => sendJson(response, 404, buildErrorBody(404, `Invalid URL (${record.method} ${record.path})`)),
    refuse: ({ response, record, route }) => {
      const refusal = options.strictCodex ? refuseLikeCodexBackend(record.body, record.headers, route) : options.refuse?.({ body: record.body, headers: record.headers, route });
      if (refusal) sendJson(response, refusal.status, refusal.body);
      return refusal !== undefined;
    },
    steps: stepHandlers(runtime),
  });
  return { baseUrl: `http://127.0.0.1:${port}/v1`, codexBaseUrl: `http://127.0.0.1:${port}/backend-api/codex`, ...controls };
}

function matchRoute(method: string, path: string): Route | undefined {
  const pathname = path.split('?')[0] ?? '';
  const compact = pathname.endsWith('/compact');
  const base = compact ? pathname.slice(0, -'/compact'.length) : pathname;
  const known = base === '/v1/responses' || base === '/responses' || base.endsWith('/codex/responses');
  if (method !== 'POST' || !known) return undefined;
  return compact ? 'compact' : 'responses';
}

function stepHandlers(runtime: Runtime): StepHandlers<FakeResponsesStep, Route> {
  const ok = (step: OkStep, exchange: Exchange): Promise<void> => respondOk(step, exchange, runtime);
  return {
    ok,
    status: (step, exchange) => sendStatusStep(exchange.response, step, buildErrorBody(step.status)),
    'response-failed': (step, exchange) => respondFailed(step.code ?? 'server_error', step.message ?? 'The model failed to generate a response.', exchange, runtime),
    'reset-mid-stream': (step, exchange) => resetMidStream(step.afterEvents, exchange, runtime),
    ...wireIndependentSteps(ok),
  };
}

async function respondOk(step: OkStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  if (exchange.response.destroyed) return;
  if (exchange.route === 'compact') return sendJson(exchange.response, 200, buildCompactionBody(runtime.nextSerial()));
  const plan = makePlan(exchange.record.body, step, runtime);
  const delayMs = step.chunkDelayMs ?? 0;
  if (!isStreamRequest(exchange.record.body)) return sendJsonAfter(exchange, delayMs * plan.pieces.length, buildResponseBody(plan));
  await writeEvents(buildResponsesEvents(plan), exchange, delayMs);
}

async function respondFailed(code: string, message: string, exchange: Exchange, runtime: Runtime): Promise<void> {
  const plan = makePlan(exchange.record.body, { kind: 'ok' }, runtime);
  if (!isStreamRequest(exchange.record.body)) {
    sendJson(exchange.response, 200, buildResponseObject(plan, 'failed', { error: { code, message }, output: [], usage: null }));
    return;
  }
  await writeEvents(buildFailedEvents(plan, code, message), exchange, 0);
}

function writeEvents(events: readonly ResponsesEvent[], exchange: Exchange, delayMs: number): Promise<void> {
  return streamItems(exchange, SSE_HEADERS, events, formatResponsesEvent, { delayMs, pauseAfter: (event) => event.type.endsWith('.delta') });
}

async function resetMidStream(afterEvents: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const plan = makePlan(exchange.record.body, { kind: 'ok' }, runtime);
  if (!isStreamRequest(exchange.record.body)) return cutJsonBody(exchange, buildResponseBody(plan));
  await cutStream(exchange, SSE_HEADERS, buildResponsesEvents(plan).slice(0, afterEvents).map(formatResponsesEvent));
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

/** What `/responses/compact` answers: the compacted history as one opaque `compaction` item. */
function buildCompactionBody(serial: number): Record<string, unknown> {
  return {
    id: `resp_compact${serial}`,
    object: 'response.compaction',
    output: [{ type: 'compaction', id: `cmp_fake${serial}`, encrypted_content: `gAAAAcompact${serial}` }],
    usage: { input_tokens: 120, output_tokens: 30, total_tokens: 150 },
  };
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
