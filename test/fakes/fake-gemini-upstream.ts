/**
 * A fake Gemini API upstream (generativelanguage.googleapis.com) on 127.0.0.1 with real sockets and real
 * SSE, for integration tests and the official @google/genai SDK. Serves `GET /v1beta/models`,
 * `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent` (`?alt=sse` as the SDKs ask,
 * otherwise the REST JSON-array stream) and `:countTokens`. Requests are recorded; scripted steps fail
 * the way the real API does (429 RESOURCE_EXHAUSTED with RetryInfo, resets, stalls, slow streams). The
 * server, the recording and the step queue are fake-upstream-server.ts; this file is the Gemini wire.
 */
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
import type { FakeGeminiStep, FakeGeminiUpstream, FakeGeminiUpstreamOptions } from './fake-gemini-types';
import { isRecord, splitContent } from './fake-openai-bodies';
import { cutJsonBody, cutStream, sendJson, sendJsonAfter, sendStatusStep, streamItems, wireIndependentSteps, type JsonStyle } from './fake-upstream-replies';
import { startFakeUpstreamServer, type FakeExchange, type StepHandlers } from './fake-upstream-server';

export type { FakeGeminiStep, FakeGeminiUpstream, FakeGeminiUpstreamOptions, RecordedRequest } from './fake-gemini-types';

/** `codeAssist`: the Cloud Code Assist form Gemini CLI logins use (`/v1internal:*`, `{model, project, request}` in, `{response}` out). */
type Route = { kind: 'models' } | { kind: 'generate' | 'stream' | 'count'; model: string; sse: boolean; codeAssist: boolean };
type OkStep = Extract<FakeGeminiStep, { kind: 'ok' }>;

type Exchange = FakeExchange<Route>;

interface Runtime {
  text: string;
  textSignature: boolean;
  chunks: number | undefined;
  nextSerial(): number;
}

/** Google labels its JSON with a charset. */
const GOOGLE_JSON: JsonStyle = { contentType: 'application/json; charset=UTF-8' };

export async function startFakeGeminiUpstream(options: FakeGeminiUpstreamOptions = {}): Promise<FakeGeminiUpstream> {
  const name = options.name ?? 'fake-gemini';
  let serial = 0;
  const runtime: Runtime = { text: options.text ?? `Hello from ${name}`, textSignature: options.textSignature ?? false, chunks: options.chunks, nextSerial: () => (serial += 1) };
  const { port, controls } = await startFakeUpstreamServer<Route, FakeGeminiStep>({
    label: `fake Gemini upstream '${name}'`,
    matchRoute,
    replyNotFound: ({ response, record }) => sendJson(response, 404, buildGeminiErrorBody(404, `Invalid URL (${record.method} ${record.path})`), GOOGLE_JSON),
    refuse: ({ response, record, route }) => {
      // Code Assist takes the login's OAuth access token, never an API key.
      if (route && route.kind !== 'models' && route.codeAssist) {
        if (record.headers.authorization?.startsWith('Bearer ')) return false;
        sendJson(response, 401, buildGeminiErrorBody(401, 'Request had invalid authentication credentials.'), GOOGLE_JSON);
        return true;
      }
      // The real API refuses callers without a key (x-goog-api-key header or ?key=) before anything else.
      if (record.headers['x-goog-api-key'] || new URL(record.path, 'http://fake').searchParams.get('key')) return false;
      sendJson(response, 403, buildGeminiErrorBody(403, UNREGISTERED_CALLER), GOOGLE_JSON);
      return true;
    },
    steps: stepHandlers(runtime),
  });
  return { baseUrl: `http://127.0.0.1:${port}`, codeAssistBase: `http://127.0.0.1:${port}`, ...controls };
}

const UNREGISTERED_CALLER =
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";

function stepHandlers(runtime: Runtime): StepHandlers<FakeGeminiStep, Route> {
  const ok = (step: OkStep, exchange: Exchange): Promise<void> => respondOk(step, exchange, runtime);
  return {
    ok,
    status: (step, exchange) => sendStatusStep(exchange.response, step, buildGeminiErrorBody(step.status, undefined, step.retryDelaySeconds), GOOGLE_JSON),
    'reset-mid-stream': (step, exchange) => resetMidStream(step.afterChunks, exchange, runtime),
    ...wireIndependentSteps(ok),
  };
}

async function respondOk(step: OkStep, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { response, route } = exchange;
  if (response.destroyed) return;
  if (route.kind === 'models') return sendJson(response, 200, buildGeminiModelList(), GOOGLE_JSON);
  const { model, body } = requestOf(route, exchange.record.body);
  if (route.kind === 'count') return sendJson(response, 200, buildCountTokensBody(estimateGeminiPromptTokens(body)), GOOGLE_JSON);
  const plan = makePlan(model, body, step, runtime);
  const delayMs = step.chunkDelayMs ?? 0;
  const wrap = (payload: Record<string, unknown>): Record<string, unknown> => (route.codeAssist ? { response: payload, traceId: `trace-${plan.responseId}` } : payload);
  if (route.kind === 'generate') return sendJsonAfter(exchange, delayMs * plan.pieces.length, wrap(buildGenerateContentBody(plan)), GOOGLE_JSON);
  const chunks = buildStreamChunks(plan).map(wrap);
  const trailer = route.sse ? '' : chunks.length === 0 ? '[]' : '\n]';
  await streamItems(exchange, streamHead(route.sse), chunks, (chunk, index) => frameChunk(chunk, index, route.sse), { delayMs, trailer });
}

async function resetMidStream(afterChunks: number, exchange: Exchange, runtime: Runtime): Promise<void> {
  const { route } = exchange;
  if (route.kind !== 'stream') {
    const request = route.kind === 'models' ? undefined : requestOf(route, exchange.record.body);
    const body = request && route.kind === 'generate' ? buildGenerateContentBody(makePlan(request.model, request.body, { kind: 'ok' }, runtime)) : buildGeminiModelList();
    return cutJsonBody(exchange, body, GOOGLE_JSON.contentType);
  }
  const pieces = Math.max(afterChunks + 1, splitContent(runtime.text, runtime.chunks).length);
  const request = requestOf(route, exchange.record.body);
  const plan = makePlan(request.model, request.body, { kind: 'ok', chunks: pieces }, runtime);
  const frames = buildStreamChunks(plan)
    .slice(0, afterChunks)
    .map((chunk, index) => frameChunk(route.codeAssist ? { response: chunk } : chunk, index, route.sse));
  await cutStream(exchange, streamHead(route.sse), frames);
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
    ...((step.textSignature ?? runtime.textSignature) ? { textSignature: true } : {}),
    promptTokens: estimateGeminiPromptTokens(body),
  };
}

function wantsThoughts(body: unknown): boolean {
  const config = isRecord(body) ? body['generationConfig'] : undefined;
  const thinking = isRecord(config) ? config['thinkingConfig'] : undefined;
  return isRecord(thinking) && thinking['includeThoughts'] === true;
}

/**
 * `/v1beta/models/{model}:{method}` (the model may contain '/' (tuned models), so split at the last ':'),
 * or Code Assist's `/v1internal:{method}` whose model is in the body's envelope.
 */
function matchRoute(method: string, path: string): Route | undefined {
  const url = new URL(path, 'http://fake');
  if (method === 'GET' && url.pathname === '/v1beta/models') return { kind: 'models' };
  const sse = url.searchParams.get('alt') === 'sse';
  const codeAssist = /^\/v1internal:(generateContent|streamGenerateContent|countTokens)$/.exec(url.pathname);
  if (method === 'POST' && codeAssist?.[1]) return { kind: kindOf(codeAssist[1]), model: '', sse, codeAssist: true };
  const match = /^\/v1beta\/models\/(.+):(generateContent|streamGenerateContent|countTokens)$/.exec(url.pathname);
  if (method !== 'POST' || !match?.[1] || !match[2]) return undefined;
  return { kind: kindOf(match[2]), model: decodeURIComponent(match[1]), sse, codeAssist: false };
}

function kindOf(method: string): 'generate' | 'stream' | 'count' {
  return method === 'generateContent' ? 'generate' : method === 'countTokens' ? 'count' : 'stream';
}

/** The Gemini request and model: Code Assist wraps them as `{model, project, request}`. */
export function requestOf(route: { model: string; codeAssist: boolean }, body: unknown): { model: string; body: unknown } {
  if (!route.codeAssist || !isRecord(body)) return { model: route.model, body };
  return { model: typeof body['model'] === 'string' ? body['model'] : '', body: body['request'] };
}

/** SSE events end with CRLF CRLF as Google sends them; the JSON-array form separates chunks with `,\r\n`. */
function frameChunk(chunk: Record<string, unknown>, index: number, sse: boolean): string {
  if (sse) return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
  return `${index === 0 ? '[' : '\n,\r\n'}${JSON.stringify(chunk)}`;
}

function streamHead(sse: boolean): Record<string, string> {
  return { 'content-type': sse ? 'text/event-stream' : 'application/json; charset=UTF-8', 'cache-control': 'no-cache' };
}
