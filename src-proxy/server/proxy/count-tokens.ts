import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyError } from '../../errors/proxy-error';
import { getProvider } from '../../providers/registry';
import { resolveCandidates } from '../../routing/resolve-candidates';
import type { ServerDeps } from '../server-deps';
import type { ClientCall } from './client-call';
import { forwardRequest, unknownModelError } from './forward-request';
import { createProxyInfo } from './proxy-info';

/**
 * Token counting (docs/protocols.md#token-counting): asked of an upstream that speaks the client's protocol and has a counter
 * (Anthropic `count_tokens`, Gemini `countTokens`); otherwise a documented local estimate, so clients
 * such as Claude Code get an answer whichever account serves the model.
 */
export async function countTokens(request: FastifyRequest, reply: FastifyReply, deps: ServerDeps, call: ClientCall): Promise<unknown> {
  const runtime = deps.getRuntime();
  const candidates = resolveCandidates(call.requestedModel, runtime.credentials, runtime.config.forceModelPrefix);
  if (candidates.length === 0) throw unknownModelError(call.model);
  const native = candidates.filter((candidate) => {
    const provider = getProvider(candidate.credential.provider);
    return provider.wire === call.codec.passthroughWire && provider.countsTokens;
  });
  if (native.length > 0) return forwardRequest(request, reply, deps, call, native);
  const estimate = call.codec.countTokensLocally?.(call.canonical());
  if (estimate === undefined) {
    throw new ProxyError({ code: 'PX_NOT_FOUND', message: 'This protocol has no token counting endpoint.', httpStatus: 404 });
  }
  request.proxyInfo = { ...createProxyInfo(call.model, false), answeredBy: 'local estimate', firstByteAt: performance.now() };
  return reply.header('x-proxy-token-count', 'estimate').send(estimate);
}
