import type { FastifyInstance } from 'fastify';
import { listServedModels } from '../../routing/resolve-candidates';
import { checkClientKey } from '../plugins/client-auth';
import type { ServerDeps } from '../server-deps';

/** `GET /v1/models` in the OpenAI list format (spec 2.4): every id a client can ask for. */
export function registerModelsRoute(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/v1/models', { config: { protocol: 'openai' } }, async (request) => {
    const runtime = deps.getRuntime();
    checkClientKey(request, runtime.apiKeys);
    const models = listServedModels(runtime.credentials, runtime.config.forceModelPrefix);
    return {
      object: 'list',
      data: models.map((model) => ({ id: model.id, object: 'model', created: deps.startedAt, owned_by: model.ownedBy })),
    };
  });
}
