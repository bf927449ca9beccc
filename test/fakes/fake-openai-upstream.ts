/**
 * A fake OpenAI-compatible upstream on 127.0.0.1 with real sockets and real SSE, for integration tests
 * and the benchmark. Requests are recorded (headers included, so tests can see which upstream key the
 * proxy sent); scripted steps make it fail in the ways real upstreams do. The server, the recording and
 * the step queue are fake-upstream-server.ts; this file is the OpenAI wire.
 */
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
import type { FakeOpenAIUpstream, FakeOpenAIUpstreamOptions, FakeStep } from './fake-openai-types';
import { cutJsonBody, cutStream, sendJson, sendJsonAfter, sendStatusStep, SSE_HEADERS, streamItems, wireIndependentSteps } from './fake-upstream-replies';
import { startFakeUpstreamServer, type FakeExchange, type StepHandlers } from './fake-upstream-server';

export type { FakeOpenAIUpstream, FakeOpenAIUpstreamOptions, FakeStep, RecordedRequest } from './fake-openai-types';

type Route = 'models' | CompletionKind;
type OkStep = Extract<FakeStep, { kind: 'ok' }>;
type Exchange = FakeExchange<Route>;

interface Runtime {
  content: string;
  chunks: number | undefined;
  nextSerial(): number;
}

export async function startFakeOpenAIUpstream(options: FakeOpenAIUpstreamOptions = {}): Promise<FakeOpenAIUpstream> {
  const name = options.name ?? 'fake';
  let serial = 0;
  const runtime: Runtime = { content: options.content ?? `Hello from ${name}`, chunks: options.chunks, nextSerial: () => (serial += 1) };
  const { port, controls } = await startFakeUpstreamServer<Route, FakeStep>({
    label: `fake upstream '${name}'`,
    matchRoute,
    replyNotFound: ({ response, record }) => sendJson(response, 404, buildErrorBody(404, `Invalid URL (${record.method} ${record.path})`)),
    steps: stepHandlers(runtime),
    keepAliveTimeoutMs: options.keepAliveTimeoutMs,
  });
  return { baseUrl: `http://127.0.0.1:${port}/v1`, ...controls };
}

function stepHandlers(runtime: Runtime): StepHandlers<FakeStep, Route> {
  const ok = (step: OkStep, exchange: Exchange): Promise<void> => respondOk(step, exchange, runtime);
  return {
    ok,
    status: (step, exchange) => sendStatusStep(exchange.response, step, buildErrorBody(step.status)),
    'reset-mid-stream': (step, exchange) => resetMidStream(step.afterChunks, exchange, runtime),
    ...wireIndependentSteps(ok),
  };
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
  if (!isStreamRequest(exchange.record.body)) return sendJsonAfter(exchange, delayMs * plan.pieces.length, buildCompletionBody(plan));
  // OpenAI sends exactly this content type for streams.
  await streamItems(exchange, SSE_HEADERS, buildStreamChunks(plan), dataFrame, { delayMs, trailer: 'data: [DONE]\n\n' });
}

async function resetMidStream(afterChunks: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { route } = exchange;
  if (route === 'models' || !isStreamRequest(exchange.record.body)) {
    const body = route === 'models' ? buildModelList(0) : buildCompletionBody(makePlan(route, exchange.record.body, { kind: 'ok' }, runtime));
    return cutJsonBody(exchange, body);
  }
  const pieces = Math.max(afterChunks, splitContent(runtime.content, runtime.chunks).length);
  const plan = makePlan(route, exchange.record.body, { kind: 'ok', chunks: pieces }, runtime);
  await cutStream(exchange, SSE_HEADERS, buildStreamChunks(plan).slice(0, afterChunks).map(dataFrame));
}

function dataFrame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
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
