/**
 * A fake Vertex AI (aiplatform.googleapis.com) on 127.0.0.1, strict about what the real service checks:
 * - a service account's call, `POST /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}`,
 *   needs a Bearer token the token server issued and still honours (401 UNAUTHENTICATED otherwise) for an
 *   account of that project (403 PERMISSION_DENIED otherwise);
 * - a key's call, `POST /v1/publishers/google/models/{model}:{method}`, needs a known `x-goog-api-key`
 *   (400 API_KEY_INVALID as Google answers otherwise).
 * `{method}` is generateContent, countTokens or streamGenerateContent, which must ask for `alt=sse` (the form
 * the provider claims to use). Answers are the Gemini bodies of fake-gemini-bodies.ts with the text
 * `Hello from vertex <project>` (a key: `Hello from vertex key`). Steps: `ok`, `status`.
 */
import { buildCountTokensBody, buildGeminiErrorBody, buildGenerateContentBody, buildStreamChunks, chooseReply, estimateGeminiPromptTokens, type GeminiPlan } from './fake-gemini-bodies';
import { splitContent } from './fake-openai-bodies';
import { sendJson, sendStatusStep, streamItems, type JsonStyle } from './fake-upstream-replies';
import { startFakeUpstreamServer, type FakeExchange } from './fake-upstream-server';
import type { FakeUpstreamControls } from './fake-upstream-types';

export type FakeVertexStep = { kind: 'ok' } | { kind: 'status'; status: number; body?: unknown };

export interface FakeVertexUpstreamOptions {
  /** The service account a Bearer token stands for (the token server's `accountOf`), or undefined. */
  accountOf(accessToken: string): string | undefined;
  /** Service account email -> the project it may call. */
  projects: Readonly<Record<string, string>>;
  /** Keys accepted in `x-goog-api-key`. */
  apiKeys: readonly string[];
}

export interface FakeVertexUpstream extends FakeUpstreamControls<FakeVertexStep> {
  /** The origin, for `CLIPROXY_VERTEX_BASE_URL` / `oauthEndpoints.vertex.apiBase` and a `vertex-api-key` base-url. */
  baseUrl: string;
}

type Route = { kind: 'generate' | 'stream' | 'count'; model: string; sse: boolean; project: string | null };

const GOOGLE_JSON: JsonStyle = { contentType: 'application/json; charset=UTF-8' };
const modelPath = /^\/publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;

export async function startFakeVertexUpstream(options: FakeVertexUpstreamOptions): Promise<FakeVertexUpstream> {
  let serial = 0;
  const { port, controls } = await startFakeUpstreamServer<Route, FakeVertexStep>({
    label: 'fake Vertex AI',
    matchRoute,
    replyNotFound: ({ response, record }) => sendJson(response, 404, buildGeminiErrorBody(404, `Invalid URL (${record.method} ${record.path})`), GOOGLE_JSON),
    refuse: (exchange) => refusal(exchange, options),
    steps: {
      ok: (_step, exchange) => respondOk(exchange, (serial += 1)),
      status: (step, exchange) => sendStatusStep(exchange.response, step, buildGeminiErrorBody(step.status), GOOGLE_JSON),
    },
  });
  return { baseUrl: `http://127.0.0.1:${port}`, ...controls };
}

/** `/v1/projects/{p}/locations/{l}` + model path (a service account), or `/v1` + model path (a key). */
function matchRoute(method: string, path: string): Route | undefined {
  if (method !== 'POST') return undefined;
  const url = new URL(path, 'http://fake');
  const resource = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)(\/.*)$/.exec(url.pathname);
  const rest = resource ? resource[3] : url.pathname.startsWith('/v1/') ? url.pathname.slice(3) : '';
  const match = modelPath.exec(rest ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  const kind = match[2] === 'generateContent' ? 'generate' : match[2] === 'countTokens' ? 'count' : 'stream';
  return { kind, model: decodeURIComponent(match[1]), sse: url.searchParams.get('alt') === 'sse', project: resource?.[1] ? decodeURIComponent(resource[1]) : null };
}

function refusal(exchange: FakeExchange<Route>, options: FakeVertexUpstreamOptions): boolean {
  const { response, record, route } = exchange;
  const fail = (status: number, message: string): boolean => {
    sendJson(response, status, buildGeminiErrorBody(status, message), GOOGLE_JSON);
    return true;
  };
  if (route.project === null) {
    if (!options.apiKeys.includes(record.headers['x-goog-api-key'] ?? '')) return fail(400, 'API key not valid. Please pass a valid API key.');
  } else {
    const bearer = /^Bearer (\S+)$/.exec(record.headers.authorization ?? '')?.[1];
    const account = bearer === undefined ? undefined : options.accountOf(bearer);
    if (account === undefined) return fail(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    if (options.projects[account] !== route.project) return fail(403, `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/${route.project}' (or it may not exist).`);
  }
  if (route.kind === 'stream' && !route.sse) return fail(400, 'This fake serves streamGenerateContent as SSE only: ask for alt=sse.');
  return false;
}

async function respondOk(exchange: FakeExchange<Route>, serial: number): Promise<void> {
  const { response, route, record } = exchange;
  if (route.kind === 'count') return sendJson(response, 200, buildCountTokensBody(estimateGeminiPromptTokens(record.body)), GOOGLE_JSON);
  const reply = chooseReply(record.body, `Hello from vertex ${route.project ?? 'key'}`);
  const plan: GeminiPlan = { model: route.model, responseId: `fake-vertex-${serial}`, reply, thought: undefined, pieces: splitContent(reply.kind === 'text' ? reply.text : ''), promptTokens: estimateGeminiPromptTokens(record.body) };
  if (route.kind === 'generate') return sendJson(response, 200, buildGenerateContentBody(plan), GOOGLE_JSON);
  await streamItems(exchange, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, buildStreamChunks(plan), (chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`, { delayMs: 0 });
}
