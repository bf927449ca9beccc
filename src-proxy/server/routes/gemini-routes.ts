import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProxyError } from '../../errors/proxy-error';
import { getClientCodec } from '../../protocols/codec-registry';
import { listServedModels } from '../../routing/resolve-candidates';
import { checkClientKey } from '../plugins/client-auth';
import { createClientCall } from '../proxy/client-call';
import { countTokens } from '../proxy/count-tokens';
import { forwardRequest } from '../proxy/forward-request';
import type { ServerDeps } from '../server-deps';
import { readClientBody } from './read-client-body';

/**
 * The Gemini API surface (the wire table of docs/protocols.md): the model and the action are in the path,
 * `/v1beta/models/{model}:{generateContent|streamGenerateContent|countTokens}`; the model may contain
 * '/' (prefixed models), so the path is matched as a wildcard and split at the last ':'.
 */
export function registerGeminiRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const config = { protocol: 'gemini' as const };
  app.get('/v1beta/models', { config }, async (request) => {
    checkClientKey(request, deps.getRuntime().apiKeys);
    return { models: servedGeminiModels(deps).map(geminiModelEntry) };
  });
  app.get('/v1beta/models/*', { config }, async (request) => {
    checkClientKey(request, deps.getRuntime().apiKeys);
    const id = wildcard(request);
    const found = servedGeminiModels(deps).find((model) => model === id);
    if (!found) throw new ProxyError({ code: 'PX_NOT_FOUND', message: `models/${id} is not found.`, httpStatus: 404 });
    return geminiModelEntry(found);
  });
  app.post('/v1beta/models/*', { config }, async (request, reply) => {
    checkClientKey(request, deps.getRuntime().apiKeys);
    const { model, action } = splitModelAction(wildcard(request));
    const query = request.query as Record<string, unknown>;
    const alt = typeof query.alt === 'string' ? query.alt : typeof query.$alt === 'string' ? query.$alt : 'sse';
    const stream = action === 'streamGenerateContent';
    const body = readClientBody(request.body);
    const call = createClientCall({
      codec: getClientCodec('gemini'),
      body,
      model,
      stream,
      route: { model, stream, alt },
      operation: action === 'countTokens' ? 'count-tokens' : 'generate',
    });
    call.canonical();
    if (action === 'countTokens') return countTokens(request, reply, deps, call);
    return forwardRequest(request, reply, deps, call);
  });
}

function wildcard(request: FastifyRequest): string {
  return decodeURIComponent((request.params as Record<string, string>)['*'] ?? '');
}

function splitModelAction(path: string): { model: string; action: 'generateContent' | 'streamGenerateContent' | 'countTokens' } {
  const colon = path.lastIndexOf(':');
  const action = path.slice(colon + 1);
  const model = path.slice(0, colon);
  if (colon <= 0 || (action !== 'generateContent' && action !== 'streamGenerateContent' && action !== 'countTokens')) {
    throw new ProxyError({ code: 'PX_NOT_FOUND', message: `models/${path} is not a supported method; use :generateContent, :streamGenerateContent or :countTokens.`, httpStatus: 404 });
  }
  return { model, action };
}

function servedGeminiModels(deps: ServerDeps): string[] {
  const runtime = deps.getRuntime();
  return listServedModels(runtime.credentials, runtime.config.forceModelPrefix).map((model) => model.id);
}

function geminiModelEntry(id: string) {
  return {
    name: `models/${id}`,
    displayName: id,
    description: `${id} through CLI Proxy Desktop`,
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
  };
}
