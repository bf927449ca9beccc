import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CanonicalUsage, TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import type { ClientStreamOptions } from '../../protocols/wire-codec';
import type { ClientHeaders, ProviderDefinition } from '../../providers/provider-definition';
import { getProvider } from '../../providers/registry';
import { classifyFailure } from '../../routing/classify-failure';
import { accountNeedsLoginError } from '../../routing/account-needs-login-error';
import { executeWithRetry, type AttemptOutcome } from '../../routing/execute-with-retry';
import { extractSessionIds } from '../../routing/extract-session-ids';
import { resolveCandidates, type RouteCandidate } from '../../routing/resolve-candidates';
import { sendWithOAuth } from '../../routing/send-with-oauth';
import type { Runtime, ServerDeps } from '../server-deps';
import { pipeCommittedStream, type CommittedStream, type StreamSink } from '../sse/pipe-committed-stream';
import { attemptUpstream, type UpstreamReply } from './attempt-upstream';
import type { ClientCall } from './client-call';
import { prepareUpstreamRequest } from './prepare-upstream-request';
import { candidatesFor, retryPolicyFor } from './runtime-routing';
import { createProxyInfo, type ProxyInfo } from './proxy-info';
import { firstLine } from './request-finished';
import { createModelNameRewriter, rewriteModelNames } from './force-model-mapping';
import { rewriteStreamingReply } from './rewrite-upstream-stream';
import { translateBufferedReply } from './translate-buffered-reply';
import { bootstrapTranslatedStream } from './translate-stream';
import { tapStreamUsage } from './usage-from-canonical-stream';
import { readBufferedUsage, tapPassThroughUsage } from './usage-from-upstream-bytes';

/**
 * What a successful attempt hands back: a body to send, or a committed stream to pipe; `usage` reads
 * the upstream's token counts (for a stream, as far as it has been piped).
 */
type ReadyReply = (
  | { kind: 'buffered'; status: number; contentType: string; body: Buffer | string }
  | { kind: 'streaming'; stream: CommittedStream }
) & { warnings: TranslationWarning[]; usage: () => CanonicalUsage | undefined };

interface Attempted {
  reply: ReadyReply;
  candidate: RouteCandidate;
}

/**
 * One client request through routing, retries and (where wires differ) translation. The client's
 * protocol decides the error format; every attempt before the first byte reaches the client may fail
 * over to another credential.
 */
export async function forwardRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ServerDeps,
  call: ClientCall,
  onlyCandidates?: RouteCandidate[],
): Promise<void> {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  const result = await attemptForward(request, deps, call, controller.signal, onlyCandidates);
  const { runtime } = result;
  const warningCount = result.reply.warnings.length;
  if (warningCount > 0) {
    reply.raw.setHeader('x-proxy-warnings', String(warningCount));
    deps.logger.debug({ reqId: request.id, warnings: result.reply.warnings }, 'translation warnings');
  }
  if (result.reply.kind === 'buffered') {
    result.info.firstByteAt = performance.now();
    await reply.code(result.reply.status).header('content-type', result.reply.contentType).send(result.reply.body);
    return;
  }
  reply.hijack();
  await streamToClient(request.requestRecorder?.tapStream(reply.raw) ?? reply.raw, result.reply.stream, { call, candidate: result.candidate, deps, runtime, signal: controller.signal, info: result.info });
}

/** What routing needs of the client's request: its headers, where to note the request log's facts, and its request-log recorder if any. */
export type ForwardOrigin = Pick<FastifyRequest, 'headers' | 'proxyInfo'> & Partial<Pick<FastifyRequest, 'requestRecorder'>>;

/** A ready reply, the runtime it was routed with, and the facts noted on the way (also on `request.proxyInfo`). */
export interface ForwardResult extends Attempted {
  runtime: Runtime;
  info: ProxyInfo;
}

/**
 * Routing, retries and translation up to a ready reply (a body, or a stream committed by its first
 * content). Shared by the HTTP routes and the Responses WebSocket, which write the reply differently.
 */
export async function attemptForward(
  request: ForwardOrigin,
  deps: ServerDeps,
  call: ClientCall,
  signal: AbortSignal,
  onlyCandidates?: RouteCandidate[],
): Promise<ForwardResult> {
  const runtime = deps.getRuntime();
  const info = createProxyInfo(call.model, call.stream);
  request.proxyInfo = info;
  const candidates = onlyCandidates ?? candidatesFor(runtime, call.requestedModel);
  if (candidates.length === 0) throw noCandidateError(call, runtime);
  // Decode once up front when any candidate needs translation, so a bad request fails as a 400 before
  // any upstream is contacted.
  if (candidates.some((candidate) => getProvider(candidate.credential.provider).wire !== call.codec.passthroughWire)) call.canonical();

  const result = await executeWithRetry<Attempted>({
    model: call.model,
    candidates,
    policy: retryPolicyFor(runtime),
    health: deps.health,
    selector: deps.selector,
    now: deps.now,
    sleep: deps.sleep,
    signal,
    session: runtime.config.routing.sessionAffinity ? extractSessionIds(request.headers, call.body) : null,
    onAttempt: ({ credential }) => {
      info.attempts += 1;
      info.credential = { id: credential.id, label: credential.label, provider: credential.provider };
    },
    attempt: (candidate) => attemptCandidate(request, deps, runtime, call, candidate, signal, info),
  });
  info.usage = result.reply.usage;
  return { ...result, runtime, info };
}

async function attemptCandidate(
  request: ForwardOrigin,
  deps: ServerDeps,
  runtime: Runtime,
  call: ClientCall,
  candidate: RouteCandidate,
  signal: AbortSignal,
  info: ProxyInfo,
): Promise<AttemptOutcome<Attempted>> {
  const provider = getProvider(candidate.credential.provider);
  const clientHeaders = request.headers as ClientHeaders;
  const prepared = prepareUpstreamRequest(call, candidate, provider, runtime.config.payload, clientHeaders);
  info.upstreamModel = prepared.model;
  // force-mapping: pass-through answers name the alias the client asked for (translated ones already do).
  const forcedAnswerModel = !prepared.translation && candidate.answerModel !== undefined && candidate.answerModel !== prepared.model ? candidate.answerModel : null;
  const operation = prepared.translation ? 'generate' : call.operation;
  const dispatcher = deps.dispatchers.get(candidate.credential.proxyUrl, runtime.config.proxyUrl);
  // OAuth accounts get their current token here (refreshed when due, and once more after a 401).
  const recorder = request.requestRecorder;
  // Plain awaits, one step after another: this runs on every attempt, and a `.then` per step costs a promise each.
  const outcome = await sendWithOAuth(candidate.credential, async (credential) => {
    const upstream = provider.buildRequest(credential, { operation, model: prepared.model, stream: call.stream, cloak: prepared.cloak }, prepared.body, clientHeaders);
    recorder?.recordAttempt(upstream);
    let result = await attemptUpstream(upstream, dispatcher, call.stream, signal, provider.wire, (status, headers, errorBody) => deps.onUpstreamResponse?.(candidate.credential, status, headers, deps.now(), errorBody));
    recorder?.recordOutcome(result);
    if (provider.createStreamRewriter) result = await rewriteStreamingReply(result, provider.createStreamRewriter);
    if (provider.assembleBufferedReply && operation === 'generate') result = assembleBuffered(result, provider);
    if (provider.isExpiredTokenAnswer) result = expiredTokenAsUnauthorized(result, provider);
    return forcedAnswerModel === null ? result : forceModelName(result, prepared.model, forcedAnswerModel);
  });
  if (!outcome.ok) return outcome;
  const raw = outcome.value;
  const { translation, warnings } = prepared;
  if (raw.kind === 'buffered') {
    if (!translation) {
      const usage = readBufferedUsage(provider.wire, raw.body);
      return { ok: true, value: { candidate, reply: { ...raw, warnings, usage: () => usage } } };
    }
    const translated = translateBufferedReply(raw, call, translation);
    if (!translated.ok) return translated;
    const reply: ReadyReply = { ...translated.value, warnings: [...warnings, ...translated.warnings], usage: () => translated.usage };
    return { ok: true, value: { candidate, reply } };
  }
  if (!translation) {
    const tapped = tapPassThroughUsage(raw, provider.wire);
    return { ok: true, value: { candidate, reply: { kind: 'streaming', stream: tapped.stream, warnings, usage: tapped.usage } } };
  }
  const streamOptions: ClientStreamOptions = {
    model: call.model,
    clientBody: call.body,
    canonical: call.canonical(),
    ...(call.body.stream_options ? { includeUsage: includeUsage(call) } : {}),
    ...(call.route.alt ? { alt: call.route.alt } : {}),
  };
  const tapped = tapStreamUsage(translation.codec.createStreamDecoder(call.context, translation.restore));
  const encoder = call.codec.createStreamEncoder(call.context, streamOptions);
  const boot = await bootstrapTranslatedStream(raw, tapped.decoder, encoder);
  if (!boot.ok) {
    const error = new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: boot.error.message, httpStatus: boot.error.status, upstreamStatus: boot.error.status, retryable: true });
    return { ok: false, error, failure: { status: boot.error.status, body: boot.error.message, retryAfter: undefined } };
  }
  const stream: CommittedStream = {
    status: 200,
    contentType: call.codec.streamContentType(streamOptions),
    first: boot.stream.first,
    source: raw.source,
    transform: boot.stream.transform,
    cancel: raw.cancel,
  };
  return { ok: true, value: { candidate, reply: { kind: 'streaming', stream, warnings, usage: tapped.usage } } };
}

function forceModelName(outcome: AttemptOutcome<UpstreamReply>, upstreamModel: string, answerModel: string): AttemptOutcome<UpstreamReply> | Promise<AttemptOutcome<UpstreamReply>> {
  if (!outcome.ok) return outcome;
  if (outcome.value.kind === 'buffered') {
    return { ok: true, value: { ...outcome.value, body: Buffer.from(rewriteModelNames(outcome.value.body.toString('utf8'), upstreamModel, answerModel)) } };
  }
  return rewriteStreamingReply(outcome, () => createModelNameRewriter(upstreamModel, answerModel));
}

/** An always-streaming upstream (Codex) answered a non-stream call with SSE: one JSON body, or the stream's failure. */
function assembleBuffered(outcome: AttemptOutcome<UpstreamReply>, provider: ProviderDefinition): AttemptOutcome<UpstreamReply> {
  if (!outcome.ok || outcome.value.kind !== 'buffered' || !provider.assembleBufferedReply) return outcome;
  const assembled = provider.assembleBufferedReply(outcome.value.body.toString('utf8'));
  if (assembled.ok) return { ok: true, value: { ...outcome.value, contentType: 'application/json', body: Buffer.from(assembled.body) } };
  const error = new ProxyError({
    code: 'PX_UPSTREAM_HTTP',
    message: assembled.message,
    httpStatus: assembled.status,
    upstreamStatus: assembled.status,
    upstreamBody: assembled.body,
    upstreamWire: provider.wire,
    retryable: assembled.status === 408 || assembled.status === 429 || assembled.status >= 500,
  });
  return { ok: false, error, failure: { status: assembled.status, body: assembled.body, retryAfter: undefined } };
}

/** A provider's own "token no longer valid" answer (ProviderDefinition.isExpiredTokenAnswer) counts as a 401 for the token refresh and routing. */
function expiredTokenAsUnauthorized(outcome: AttemptOutcome<UpstreamReply>, provider: ProviderDefinition): AttemptOutcome<UpstreamReply> {
  if (outcome.ok || outcome.failure.status === undefined || outcome.failure.status === 401) return outcome;
  return provider.isExpiredTokenAnswer?.(outcome.failure.status, outcome.failure.body) ? { ...outcome, failure: { ...outcome.failure, status: 401 } } : outcome;
}

function includeUsage(call: ClientCall): boolean {
  const options = call.body.stream_options;
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

export interface StreamContext {
  call: ClientCall;
  candidate: RouteCandidate;
  deps: ServerDeps;
  runtime: Runtime;
  signal: AbortSignal;
  /** Where the first byte's time and a failure after commit are noted. */
  info: ProxyInfo;
}

/** Pipes a committed stream to the client (an HTTP response or another sink); a failure after commit cools the credential down. */
export async function streamToClient(sink: StreamSink, stream: CommittedStream, context: StreamContext): Promise<void> {
  const { candidate, deps, runtime, signal, call, info } = context;
  info.firstByteAt = performance.now();
  // Pass-through or translated, the client's protocol decides how a broken stream ends (Responses: response.failed).
  const failureWriter = call.codec.createStreamFailureWriter?.();
  const piped = await pipeCommittedStream(sink, stream, {
    keepaliveSeconds: runtime.config.streaming.keepaliveSeconds,
    signal,
    observe: failureWriter ? (written) => failureWriter.observe(written) : undefined,
    renderStreamError: (error) => {
      // Noted before the response ends: its 'close' reports the request.
      info.error = firstLine(error.message);
      return failureWriter ? failureWriter.render(error) : call.codec.renderStreamError(error);
    },
  });
  if (piped.ok || piped.error.code === 'PX_CLIENT_ABORTED') return;
  // A stream that broke after commit is not retried, but the credential still cools down (docs/routing.md#streams).
  const verdict = classifyFailure({ status: undefined, body: '', retryAfter: undefined }, 0, runtime.config.transientErrorCooldownSeconds);
  deps.health.recordFailure(candidate.credential.id, call.model, verdict, deps.now(), runtime.config.disableCooling);
  deps.logger.warn({ credential: candidate.credential.label, error: piped.error.message }, 'upstream stream failed after commit');
}

/** A model only dead logins serve: say that an account needs a new login, not that the model is unknown. */
function noCandidateError(call: ClientCall, runtime: Runtime): ProxyError {
  const dead = resolveCandidates(call.requestedModel, runtime.needsLogin ?? [], runtime.config.forceModelPrefix)[0];
  return dead ? accountNeedsLoginError(dead.credential) : unknownModelError(call.model);
}

export function unknownModelError(model: string): ProxyError {
  return new ProxyError({
    code: 'PX_NO_ROUTE',
    message: `The model '${model}' is not served by any configured account. GET /v1/models lists the models this proxy serves.`,
    httpStatus: 404,
    details: { param: 'model' },
  });
}
