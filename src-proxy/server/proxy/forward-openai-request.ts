import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyError } from '../../errors/proxy-error';
import { applyPayloadRules, hasPayloadRules } from '../../payload/apply-payload-rules';
import { renderOpenAIChatStreamError } from '../../protocols/openai-chat/render-openai-chat-error';
import type { ClientHeaders } from '../../providers/provider-definition';
import { getProvider } from '../../providers/registry';
import { classifyFailure } from '../../routing/classify-failure';
import { executeWithRetry } from '../../routing/execute-with-retry';
import { resolveCandidates, type RouteCandidate } from '../../routing/resolve-candidates';
import type { Runtime, ServerDeps } from '../server-deps';
import { pipeCommittedStream } from '../sse/pipe-committed-stream';
import { attemptUpstream, type StreamingReply, type UpstreamReply } from './attempt-upstream';

/**
 * OpenAI client -> OpenAI-compatible upstream: the pass-through path. The body is forwarded with only
 * the model rewritten (and payload rules applied); responses and streams go back byte for byte.
 */
export async function forwardOpenAIRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ServerDeps,
  operation: 'chat' | 'completions',
  body: Record<string, unknown> & { model: string },
): Promise<void> {
  const runtime = deps.getRuntime();
  const model = body.model;
  const info = { model, credential: null as string | null, attempts: 0 };
  request.proxyInfo = info;
  const candidates = resolveCandidates(model, runtime.credentials, runtime.config.forceModelPrefix);
  if (candidates.length === 0) throw unknownModelError(model);

  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  const stream = body.stream === true;
  const result = await executeWithRetry<{ reply: UpstreamReply; candidate: RouteCandidate }>({
    model,
    candidates,
    policy: retryPolicy(runtime),
    health: deps.health,
    selector: deps.selector,
    now: deps.now,
    sleep: deps.sleep,
    signal: controller.signal,
    onAttempt: (candidate) => {
      info.attempts += 1;
      info.credential = candidate.credential.label;
    },
    attempt: (candidate) => {
      const provider = getProvider(candidate.credential.provider);
      const upstreamBody = prepareBody(body, candidate, runtime, provider.payloadProtocol);
      const call = { operation: operation === 'chat' ? ('generate' as const) : operation, model: candidate.upstreamModel, stream };
      const upstream = provider.buildRequest(candidate.credential, call, upstreamBody, request.headers as ClientHeaders);
      const dispatcher = deps.dispatchers.get(candidate.credential.proxyUrl, runtime.config.proxyUrl);
      return attemptUpstream(upstream, dispatcher, stream, controller.signal).then((outcome) =>
        outcome.ok ? { ok: true as const, value: { reply: outcome.value, candidate } } : outcome,
      );
    },
  });

  if (result.reply.kind === 'buffered') {
    await reply.code(result.reply.status).header('content-type', result.reply.contentType).send(result.reply.body);
    return;
  }
  reply.hijack();
  await streamToClient(reply, result.reply, { candidate: result.candidate, model, deps, runtime, signal: controller.signal });
}

interface StreamContext {
  candidate: RouteCandidate;
  model: string;
  deps: ServerDeps;
  runtime: Runtime;
  signal: AbortSignal;
}

async function streamToClient(reply: FastifyReply, upstream: StreamingReply, context: StreamContext): Promise<void> {
  const { candidate, deps, runtime, signal } = context;
  const piped = await pipeCommittedStream(reply.raw, upstream, {
    keepaliveSeconds: runtime.config.streaming.keepaliveSeconds,
    signal,
    renderStreamError: renderOpenAIChatStreamError,
  });
  if (piped.ok || piped.error.code === 'PX_CLIENT_ABORTED') return;
  // A stream that broke after commit is not retried, but the credential still cools down (spec 3.7).
  const verdict = classifyFailure({ status: undefined, body: '', retryAfter: undefined }, 0, runtime.config.transientErrorCooldownSeconds);
  deps.health.recordFailure(candidate.credential.id, context.model, verdict, deps.now(), runtime.config.disableCooling);
  deps.logger.warn({ credential: candidate.credential.label, error: piped.error.message }, 'upstream stream failed after commit');
}

function prepareBody(body: Record<string, unknown>, candidate: RouteCandidate, runtime: Runtime, protocol: string): string {
  const rules = runtime.config.payload;
  if (!hasPayloadRules(rules)) return JSON.stringify({ ...body, model: candidate.upstreamModel });
  const upstreamBody = structuredClone(body);
  upstreamBody.model = candidate.upstreamModel;
  applyPayloadRules(upstreamBody, body, rules, {
    upstreamModel: candidate.upstreamModel,
    requestedModel: String(body.model),
    protocol,
    fromProtocol: 'openai',
  });
  return JSON.stringify(upstreamBody);
}

function retryPolicy(runtime: Runtime) {
  const { config } = runtime;
  return {
    strategy: config.routing.strategy,
    requestRetry: config.requestRetry,
    maxRetryIntervalSeconds: config.maxRetryInterval,
    maxCredentialsPerRound: config.maxRetryCredentials,
    disableCooling: config.disableCooling,
    transientCooldownSeconds: config.transientErrorCooldownSeconds,
  };
}

function unknownModelError(model: string): ProxyError {
  return new ProxyError({
    code: 'PX_NO_ROUTE',
    message: `The model '${model}' is not served by any configured account. GET /v1/models lists the models this proxy serves.`,
    httpStatus: 404,
    details: { param: 'model' },
  });
}
