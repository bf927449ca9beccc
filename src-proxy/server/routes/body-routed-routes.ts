import type { FastifyInstance } from 'fastify';
import { getClientCodec } from '../../protocols/codec-registry';
import type { ClientCodec } from '../../protocols/wire-codec';
import { checkClientKey } from '../plugins/client-auth';
import { createClientCall } from '../proxy/client-call';
import { forwardRequest } from '../proxy/forward-request';
import type { ServerDeps } from '../server-deps';
import { readClientBody, readModelField, readStreamField } from './read-client-body';

/** Endpoints whose body names the model: one line each, the protocol decides the rest. */
const bodyRoutedEndpoints: ReadonlyArray<{ path: string; codec: ClientCodec['id']; operation: 'generate' | 'completions' }> = [
  { path: '/v1/chat/completions', codec: 'openai-chat', operation: 'generate' },
  { path: '/v1/completions', codec: 'openai-completions', operation: 'completions' },
  { path: '/v1/responses', codec: 'openai-responses', operation: 'generate' },
  // Codex CLI with `chatgpt_base_url` pointing at the proxy calls the ChatGPT backend's path.
  { path: '/backend-api/codex/responses', codec: 'openai-responses', operation: 'generate' },
  { path: '/v1/messages', codec: 'anthropic-messages', operation: 'generate' },
];

/**
 * `POST /v1/chat/completions`, `/v1/completions`, `/v1/responses` (also as `/backend-api/codex/responses`),
 * `/v1/messages`: the body is decoded
 * (and so validated) by the client's protocol, then routed, translated where the upstream differs, and
 * answered in the client's protocol, stream or not.
 */
export function registerBodyRoutedRoutes(app: FastifyInstance, deps: ServerDeps): void {
  for (const endpoint of bodyRoutedEndpoints) {
    app.post(endpoint.path, { config: { protocol: endpoint.codec } }, async (request, reply) => {
      checkClientKey(request, deps.getRuntime().apiKeys);
      const body = readClientBody(request.body);
      const call = createClientCall({
        codec: getClientCodec(endpoint.codec),
        body,
        model: readModelField(body),
        stream: readStreamField(body),
        route: {},
        operation: endpoint.operation,
      });
      call.canonical();
      await forwardRequest(request, reply, deps, call);
    });
  }
}
