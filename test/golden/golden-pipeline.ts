import type { UpstreamExchange } from '../../src-proxy/http/dispatch-upstream';
import { MockAgent } from 'undici';
import type { TranslationContext, WireFormat } from '../../src-proxy/canonical/index';
import { ProxyError } from '../../src-proxy/errors/proxy-error';
import type { PayloadRules } from '../../src-proxy/payload/apply-payload-rules';
import { getClientCodec } from '../../src-proxy/protocols/codec-registry';
import type { ClientCodec, ClientStreamOptions } from '../../src-proxy/protocols/wire-codec';
import type { ProviderDefinition } from '../../src-proxy/providers/provider-definition';
import { getProvider } from '../../src-proxy/providers/registry';
import type { Credential } from '../../src-proxy/routing/credential';
import type { RouteCandidate } from '../../src-proxy/routing/resolve-candidates';
import { attemptUpstream, type BufferedReply, type StreamingReply } from '../../src-proxy/server/proxy/attempt-upstream';
import { createClientCall, type ClientCall } from '../../src-proxy/server/proxy/client-call';
import { prepareUpstreamRequest } from '../../src-proxy/server/proxy/prepare-upstream-request';
import { translateBufferedReply } from '../../src-proxy/server/proxy/translate-buffered-reply';
import { bootstrapTranslatedStream } from '../../src-proxy/server/proxy/translate-stream';

/**
 * One golden case through the REAL pipeline functions of src-proxy/server/proxy, in the order
 * forward-request.ts calls them: createClientCall -> prepareUpstreamRequest -> (attemptUpstream for
 * HTTP errors) -> translateBufferedReply or bootstrapTranslatedStream + the rest of the stream. Only the
 * network is replaced: the upstream's answer comes from the case folder.
 */

/** 2026-01-01T00:00:00Z: every `created`/`created_at` in the golden files derives from it. */
export const GOLDEN_NOW_MS = 1_767_225_600_000;

/** The real provider of each upstream wire (src-proxy/providers/registry.ts). */
export const providerIdByWire: Record<WireFormat, string> = {
  'openai-chat': 'openai-compatible',
  'anthropic-messages': 'claude-api',
  gemini: 'gemini-api',
  'openai-responses': 'codex-api',
};

const baseUrlByProvider: Record<string, string> = {
  'openai-compatible': 'https://api.openai.com/v1',
  'claude-api': 'https://api.anthropic.com',
  'gemini-api': 'https://generativelanguage.googleapis.com',
  'codex-api': 'https://chatgpt.com/backend-api/codex',
};

const noPayloadRules: PayloadRules = { default: [], defaultRaw: [], override: [], overrideRaw: [], filter: [] };

export interface CaseConfig {
  /** The model the client asks for (body `model`, or the URL model of a Gemini client). */
  model: string;
  stream: boolean;
  description: string;
  /** Upstream model name when it differs from `model` (an alias in config). */
  upstreamModel?: string;
  /** An upstream HTTP error: the status it answers with `upstream-response.json` as the body. */
  upstreamStatus?: number;
  upstreamHeaders?: Record<string, string>;
  /** Status the client must get (default 200). */
  expectedStatus?: number;
  /** Headers the client's error response must carry (e.g. a forwarded retry-after). */
  expectedHeaders?: Record<string, string>;
  /** A translation bug this case documents: the runner marks it `it.fails` (see README.md). */
  knownBug?: string;
}

export interface PipelineInput {
  client: ClientCodec['id'];
  upstream: WireFormat;
  config: CaseConfig;
  clientRequest: Record<string, unknown>;
  upstreamResponse?: unknown;
  upstreamStream?: Buffer;
}

export interface PipelineOutput {
  upstreamRequest: unknown;
  /** The upstream URL the real provider executor builds (checked for the model and stream action). */
  upstreamUrl: string;
  status: number;
  /** Headers of a rendered error response. */
  clientHeaders?: Record<string, string>;
  clientResponse?: unknown;
  clientStream?: string;
}

/** Ids `<prefix>_1`, `<prefix>_2`... in the order the pipeline asks for them; a fixed clock. */
export function goldenContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => GOLDEN_NOW_MS };
}

function credentialFor(provider: ProviderDefinition): Credential {
  return {
    id: `golden-${provider.id}`,
    provider: provider.id,
    providerKey: provider.id,
    label: `golden ${provider.id}`,
    order: 0,
    prefix: '',
    priority: 0,
    baseUrl: baseUrlByProvider[provider.id] ?? 'https://upstream.invalid',
    apiKey: 'sk-golden-not-a-secret',
    proxyUrl: '',
    headers: {},
    models: null,
    excludedModels: [],
  };
}

/** As the routes build it: body-routed protocols read model/stream from the body, Gemini from the URL. */
function buildCall(input: PipelineInput): ClientCall {
  const { client, config, clientRequest } = input;
  const route = client === 'gemini' ? { model: config.model, stream: config.stream, alt: 'sse' } : {};
  const call = createClientCall(
    { codec: getClientCodec(client), body: clientRequest, model: config.model, stream: config.stream, route, operation: 'generate' },
    goldenContext(),
  );
  call.canonical();
  return call;
}

/** The options forward-request.ts gives the client's stream encoder. */
function streamOptionsOf(call: ClientCall): ClientStreamOptions {
  const streamOptions = call.body.stream_options;
  const includeUsage = typeof streamOptions === 'object' && streamOptions !== null && (streamOptions as { include_usage?: unknown }).include_usage === true;
  return {
    model: call.model,
    clientBody: call.body,
    canonical: call.canonical(),
    ...(streamOptions ? { includeUsage } : {}),
    ...(call.route.alt ? { alt: call.route.alt } : {}),
  };
}

/** The upstream SSE body cut into small, uneven chunks (events and UTF-8 characters split across them). */
export function chunkBytes(bytes: Buffer): Buffer[] {
  const sizes = [7, 19, 3, 31, 11, 5, 23];
  const chunks: Buffer[] = [];
  for (let offset = 0, turn = 0; offset < bytes.length; turn += 1) {
    const size = sizes[turn % sizes.length] ?? 8;
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function streamingReply(bytes: Buffer): StreamingReply {
  const [first, ...rest] = chunkBytes(bytes);
  let position = 0;
  const next = async () => (position < rest.length ? (rest[position++] as Buffer) : null);
  const source: UpstreamExchange = {
    status: 200,
    headers: {},
    next,
    readAll: async () => Buffer.concat(rest.slice(position)),
    pipe: () => {
      throw new Error('golden streams are read with next()');
    },
    cancel: () => undefined,
  };
  return { kind: 'streaming', status: 200, contentType: 'text/event-stream', first: first ?? Buffer.alloc(0), source, cancel: () => undefined };
}

function rendered(call: ClientCall, error: ProxyError): { status: number; clientHeaders: Record<string, string>; clientResponse: unknown } {
  const { status, headers, body } = call.codec.renderError(error);
  return { status, clientHeaders: headers, clientResponse: JSON.parse(body) };
}

/** An upstream HTTP error, through attemptUpstream on a mock dispatcher (undici MockAgent, no network). */
async function upstreamHttpError(input: PipelineInput, provider: ProviderDefinition, url: string, body: string): Promise<ProxyError> {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const target = new URL(url);
  const status = input.config.upstreamStatus ?? 500;
  agent
    .get(target.origin)
    .intercept({ path: target.pathname + target.search, method: 'POST' })
    .reply(status, JSON.stringify(input.upstreamResponse), { headers: { 'content-type': 'application/json', ...input.config.upstreamHeaders } });
  const outcome = await attemptUpstream({ method: 'POST', url, headers: {}, body }, agent, input.config.stream, new AbortController().signal, provider.wire);
  await agent.close();
  if (outcome.ok) throw new Error(`the mocked upstream status ${status} did not fail the attempt`);
  return outcome.error;
}

export async function runPipeline(input: PipelineInput): Promise<PipelineOutput> {
  const provider = getProvider(providerIdByWire[input.upstream]);
  const call = buildCall(input);
  const candidate: RouteCandidate = { credential: credentialFor(provider), upstreamModel: input.config.upstreamModel ?? input.config.model };
  const prepared = prepareUpstreamRequest(call, candidate, provider, noPayloadRules);
  const translation = prepared.translation;
  if (!translation) throw new Error('golden cases are for translated pairs; this one took the pass-through path');
  const built = provider.buildRequest(candidate.credential, { operation: 'generate', model: prepared.model, stream: call.stream }, prepared.body, {});
  const base = { upstreamRequest: JSON.parse(prepared.body) as unknown, upstreamUrl: built.url };
  if (input.config.upstreamStatus !== undefined) {
    return { ...base, ...rendered(call, await upstreamHttpError(input, provider, built.url, prepared.body)) };
  }
  if (!call.stream) {
    const raw: BufferedReply = { kind: 'buffered', status: 200, contentType: 'application/json', body: Buffer.from(JSON.stringify(input.upstreamResponse)) };
    const translated = translateBufferedReply(raw, call, translation);
    if (!translated.ok) return { ...base, ...rendered(call, translated.error) };
    return { ...base, status: translated.value.status, clientResponse: JSON.parse(translated.value.body) };
  }
  const decoder = translation.codec.createStreamDecoder(call.context, translation.restore);
  const encoder = call.codec.createStreamEncoder(call.context, streamOptionsOf(call));
  const reply = streamingReply(input.upstreamStream ?? Buffer.alloc(0));
  const boot = await bootstrapTranslatedStream(reply, decoder, encoder);
  if (!boot.ok) {
    // As forward-request.ts: a failure before the first content byte is an HTTP error in the client's format.
    const error = new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: boot.error.message, httpStatus: boot.error.status, upstreamStatus: boot.error.status, retryable: true });
    return { ...base, ...rendered(call, error) };
  }
  // The rest of the stream through the same transform the server pipes with.
  let text = boot.stream.first;
  for (let chunk = await reply.source.next(); chunk !== null; chunk = await reply.source.next()) text += boot.stream.transform.chunk(chunk);
  text += boot.stream.transform.end();
  return { ...base, status: 200, clientStream: text };
}
