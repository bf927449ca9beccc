import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listServedModels, type ServedModel } from '../../routing/resolve-candidates';
import { checkClientKey } from '../plugins/client-auth';
import type { ServerDeps } from '../server-deps';

/**
 * `GET /v1/models` (docs/routing.md#model-listing): Anthropic's list format for Anthropic clients (an `anthropic-version`
 * header, or Claude Code's user agent), OpenAI's otherwise. Errors follow the same choice.
 */
export function registerModelsRoute(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/v1/models', { config: { protocol: 'openai-chat' } }, async (request) => {
    const runtime = deps.getRuntime();
    if (isAnthropicClient(request)) request.clientProtocol = 'anthropic-messages';
    checkClientKey(request, runtime.apiKeys);
    const models = listServedModels(runtime.credentials, runtime.config.forceModelPrefix);
    return isAnthropicClient(request) ? anthropicList(models, deps.startedAt) : openaiList(models, deps.startedAt);
  });
}

function isAnthropicClient(request: FastifyRequest): boolean {
  const userAgent = request.headers['user-agent'] ?? '';
  return request.headers['anthropic-version'] !== undefined || userAgent.startsWith('claude-cli');
}

function openaiList(models: ServedModel[], created: number) {
  return { object: 'list', data: models.map((model) => ({ id: model.id, object: 'model', created, owned_by: model.ownedBy })) };
}

function anthropicList(models: ServedModel[], created: number) {
  const createdAt = new Date(created * 1000).toISOString();
  const data = models.map((model) => ({ type: 'model', id: model.id, display_name: model.id, created_at: createdAt }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
