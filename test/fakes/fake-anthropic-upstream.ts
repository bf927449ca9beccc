/**
 * A fake Anthropic Messages upstream on 127.0.0.1 with real sockets and real SSE, for integration tests:
 * POST /v1/messages (JSON and stream), POST /v1/messages/count_tokens, GET /v1/models. Requests are
 * recorded; scripted steps fail the way api.anthropic.com does (529 overloaded, 429 + retry-after, an
 * `error` event inside a 200 stream, resets, stalls). The server, the recording and the step queue are
 * fake-upstream-server.ts; this file is the Anthropic wire.
 */
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
import type { FakeAnthropicStep, FakeAnthropicUpstream, FakeAnthropicUpstreamOptions } from './fake-anthropic-types';
import { isRecord } from './fake-openai-bodies';
import { cutJsonBody, cutStream, sendJson, sendJsonAfter, sendStatusStep, SSE_HEADERS, streamItems, wireIndependentSteps, type JsonStyle } from './fake-upstream-replies';
import { startFakeUpstreamServer, type FakeExchange, type StepHandlers } from './fake-upstream-server';

export type { FakeAnthropicBlock, FakeAnthropicStep, FakeAnthropicUpstream, FakeAnthropicUpstreamOptions } from './fake-anthropic-types';

type Route = 'messages' | 'count' | 'models';
type OkStep = Extract<FakeAnthropicStep, { kind: 'ok' }>;
type Exchange = FakeExchange<Route>;

interface Runtime {
  defaultText: string;
  chunks: number | undefined;
  models: string[];
}

const DEFAULT_MODELS = ['claude-opus-4-7', 'claude-sonnet-4-6', 'claude-haiku-4-5'];

export async function startFakeAnthropicUpstream(options: FakeAnthropicUpstreamOptions = {}): Promise<FakeAnthropicUpstream> {
  const name = options.name ?? 'fake';
  const runtime: Runtime = { defaultText: options.content ?? `Hello from ${name}`, chunks: options.chunks, models: options.models ?? DEFAULT_MODELS };
  const { apiKey } = options;
  const { port, controls } = await startFakeUpstreamServer<Route, FakeAnthropicStep>({
    label: `fake Anthropic upstream '${name}'`,
    matchRoute,
    replyNotFound: ({ response, record, serial }) => sendJson(response, 404, buildErrorBody(404, `Not found: ${record.method} ${record.path}`), jsonStyle(serial)),
    refuse: ({ response, record, serial }) => {
      if (apiKey === undefined || presentedKey(record.headers) === apiKey) return false;
      sendJson(response, 401, buildErrorBody(401, 'invalid x-api-key'), jsonStyle(serial));
      return true;
    },
    steps: stepHandlers(runtime),
    keepAliveTimeoutMs: options.keepAliveTimeoutMs,
  });
  return { baseUrl: `http://127.0.0.1:${port}`, ...controls };
}

function stepHandlers(runtime: Runtime): StepHandlers<FakeAnthropicStep, Route> {
  const ok = (step: OkStep, exchange: Exchange): Promise<void> => respondOk(step, exchange, runtime);
  return {
    ok,
    status: (step, exchange) => sendStatusStep(exchange.response, step, buildErrorBody(step.status, undefined, requestId(exchange.serial)), jsonStyle(exchange.serial)),
    'stream-error': (step, exchange) => streamThenError(step, exchange, runtime),
    'reset-mid-stream': (step, exchange) => resetMidStream(step.afterEvents, exchange, runtime),
    ...wireIndependentSteps(ok),
  };
}

/** Every Anthropic reply carries a request-id header. */
function requestId(serial: number): string {
  return `req_fake${serial}`;
}

function jsonStyle(serial: number): JsonStyle {
  return { contentType: 'application/json', headers: { 'request-id': requestId(serial) } };
}

function sseHead(serial: number): Record<string, string> {
  return { ...SSE_HEADERS, 'request-id': requestId(serial) };
}

function presentedKey(headers: Record<string, string>): string | undefined {
  const bearer = headers['authorization']?.replace(/^Bearer\s+/i, '');
  return headers['x-api-key'] ?? bearer;
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
  if (route === 'models') return sendJson(response, 200, buildModelList(runtime.models), jsonStyle(serial));
  if (route === 'count') return sendJson(response, 200, { input_tokens: estimateInputTokens(exchange.record.body) }, jsonStyle(serial));
  const plan = makePlan(exchange, runtime, step);
  const delayMs = step.chunkDelayMs ?? 0;
  if (!isStreamRequest(exchange.record.body)) return sendJsonAfter(exchange, delayMs * 3, buildMessageBody(plan), jsonStyle(serial));
  const pauseAfter = (event: { event: string }): boolean => event.event === 'content_block_delta';
  await streamItems(exchange, sseHead(serial), buildStreamEvents(plan), formatEvent, { delayMs, pauseAfter });
}

/** A 200 stream that breaks with an in-stream error event, as Anthropic does when overloaded mid-answer. */
async function streamThenError(step: Extract<FakeAnthropicStep, { kind: 'stream-error' }>, exchange: Exchange, runtime: Runtime): Promise<void> {
  const plan = makePlan(exchange, runtime, { kind: 'ok' });
  const type = step.errorType ?? 'overloaded_error';
  const error = { event: 'error', data: { type: 'error', error: { type, message: step.message ?? 'Overloaded' } } };
  const events = buildStreamEvents(plan).slice(0, step.afterEvents ?? 3);
  await streamItems(exchange, sseHead(exchange.serial), events, formatEvent, { delayMs: 0, trailer: formatEvent(error) });
}

async function resetMidStream(afterEvents: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const plan = makePlan(exchange, runtime, { kind: 'ok' });
  if (exchange.route !== 'messages' || !isStreamRequest(exchange.record.body)) return cutJsonBody(exchange, buildMessageBody(plan));
  await cutStream(exchange, sseHead(exchange.serial), buildStreamEvents(plan).slice(0, afterEvents).map(formatEvent));
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
