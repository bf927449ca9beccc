import type { FastifyInstance } from 'fastify';
import { openaiChatRequestSchema, openaiCompletionsRequestSchema } from '../../protocols/openai-chat/openai-chat-request-schema';
import { checkClientKey } from '../plugins/client-auth';
import { forwardOpenAIRequest } from '../proxy/forward-openai-request';
import type { ServerDeps } from '../server-deps';
import { parseClientBody } from './parse-client-body';

/** `POST /v1/chat/completions` and the legacy `POST /v1/completions`, stream and non-stream. */
export function registerChatCompletionsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/v1/chat/completions', { config: { protocol: 'openai' } }, async (request, reply) => {
    checkClientKey(request, deps.getRuntime().apiKeys);
    const body = parseClientBody(openaiChatRequestSchema, request.body);
    await forwardOpenAIRequest(request, reply, deps, 'chat', body);
  });
  app.post('/v1/completions', { config: { protocol: 'openai' } }, async (request, reply) => {
    checkClientKey(request, deps.getRuntime().apiKeys);
    const body = parseClientBody(openaiCompletionsRequestSchema, request.body);
    await forwardOpenAIRequest(request, reply, deps, 'completions', body);
  });
}
