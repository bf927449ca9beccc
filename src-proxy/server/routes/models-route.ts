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

/**
 * Anthropic's `ModelInfo` (https://docs.claude.com/en/api/models-list) with every field the current SDK
 * models require (@anthropic-ai/sdk 1.14: `lifecycle`, `deprecated_at`, `retires_at`, `line`,
 * `capabilities`, `max_input_tokens`, `max_tokens`). A model this proxy serves is callable, so `active`
 * with no deprecation or retirement date; what the proxy does not know is null, as the API allows.
 */
function anthropicList(models: ServedModel[], created: number) {
  const createdAt = new Date(created * 1000).toISOString();
  const data = models.map((model) => ({
    type: 'model',
    id: model.id,
    display_name: model.id,
    created_at: createdAt,
    lifecycle: 'active',
    deprecated_at: null,
    retires_at: null,
    line: null,
    capabilities: null,
    max_input_tokens: null,
    max_tokens: null,
  }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
