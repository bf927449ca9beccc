import type { FastifyInstance } from 'fastify';
import { getClientCodec } from '../../protocols/codec-registry';
import { checkClientKey } from '../plugins/client-auth';
import { createClientCall } from '../proxy/client-call';
import { countTokens } from '../proxy/count-tokens';
import type { ServerDeps } from '../server-deps';
import { readClientBody, readModelField } from './read-client-body';

/** `POST /v1/messages/count_tokens` (Anthropic): the upstream's counter or a local estimate. */
export function registerCountTokensRoute(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/v1/messages/count_tokens', { config: { protocol: 'anthropic-messages' } }, async (request, reply) => {
    checkClientKey(request, deps.getRuntime().apiKeys);
    const body = readClientBody(request.body);
    const call = createClientCall({
      codec: getClientCodec('anthropic-messages'),
      body,
      model: readModelField(body),
      stream: false,
      route: { countTokens: true },
      operation: 'count-tokens',
    });
    call.canonical();
    return countTokens(request, reply, deps, call);
  });
}
