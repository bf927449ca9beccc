import type { FastifyInstance } from 'fastify';
import { ProxyError } from '../../errors/proxy-error';
import { getClientCodec } from '../../protocols/codec-registry';
import { getProvider } from '../../providers/registry';
import { resolveCandidates } from '../../routing/resolve-candidates';
import { checkClientKey } from '../plugins/client-auth';
import { createClientCall } from '../proxy/client-call';
import { forwardRequest, unknownModelError } from '../proxy/forward-request';
import type { ServerDeps } from '../server-deps';
import { readClientBody, readModelField, readStreamField } from './read-client-body';

/** Where Codex CLI asks for a compaction: the `/v1` API, and the ChatGPT base URL it uses when `chatgpt_base_url` points here. */
export const compactPaths = ['/v1/responses/compact', '/backend-api/codex/responses/compact'] as const;

/**
 * `POST /v1/responses/compact` (and Codex CLI's `/backend-api/codex/responses/compact`): Codex's context
 * compaction, forwarded unchanged but for `stream` (refused when true, else removed) to an account whose
 * upstream has the endpoint (the Codex backend: ChatGPT logins and `codex-api-key`). The body is not
 * decoded: its compaction items have no canonical form, and the answer goes back as the upstream sent it.
 * A model served only by other upstreams is a 501 in the Responses error format, as CLIProxyAPI answers it.
 */
export function registerCompactRoute(app: FastifyInstance, deps: ServerDeps): void {
  for (const path of compactPaths) {
    app.post(path, { config: { protocol: 'openai-responses' } }, async (request, reply) => {
      const runtime = deps.getRuntime();
      checkClientKey(request, runtime.apiKeys);
      const clientBody = readClientBody(request.body);
      if (readStreamField(clientBody)) {
        throw new ProxyError({ code: 'PX_INVALID_REQUEST', message: 'Streaming not supported for compact responses', httpStatus: 400, details: { param: 'stream' } });
      }
      const body = { ...clientBody };
      delete body.stream;
      const call = createClientCall({ codec: getClientCodec('openai-responses'), body, model: readModelField(body), stream: false, route: {}, operation: 'compact' });
      const candidates = resolveCandidates(call.requestedModel, runtime.credentials, runtime.config.forceModelPrefix);
      if (candidates.length === 0) throw unknownModelError(call.model);
      const serving = candidates.filter((candidate) => getProvider(candidate.credential.provider).servesCompact === true);
      if (serving.length === 0) throw compactUnsupported(call.model, candidates[0]?.credential.provider ?? '');
      await forwardRequest(request, reply, deps, call, serving);
    });
  }
}

function compactUnsupported(model: string, provider: string): ProxyError {
  return new ProxyError({
    code: 'PX_INVALID_REQUEST',
    message: `/responses/compact not supported: the model '${model}' is served by a '${provider}' account; compaction needs a Codex account (a ChatGPT login or a codex-api-key).`,
    httpStatus: 501,
    details: { param: 'model' },
  });
}
