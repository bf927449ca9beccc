import Fastify, { type FastifyInstance } from 'fastify';
import { registerEdgeRefusals } from './plugins/register-edge-refusals';
import { registerErrorHandler } from './plugins/error-handler';
import { registerRequestLog } from './plugins/request-log';
import './proxy/proxy-info';
import { registerBodyRoutedRoutes } from './routes/body-routed-routes';
import { registerCompactRoute } from './routes/compact-route';
import { registerCountTokensRoute } from './routes/count-tokens-route';
import { registerGeminiRoutes } from './routes/gemini-routes';
import { registerModelsRoute } from './routes/models-route';
import type { ServerDeps } from './server-deps';
import { randomHex } from './random-id';
import { registerResponsesWebsocket } from './ws/register-responses-websocket';

/**
 * A fastify instance as every proxy listener needs it (the main one and the public URL's): socket limits,
 * request ids, the request decorations, errors in the client's protocol, readable edge refusals, the log line.
 */
export function createProxyApp(deps: ServerDeps, https?: { cert: Buffer; key: Buffer }): FastifyInstance {
  const config = deps.getRuntime().config;
  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    // Clients such as Claude Code send large contexts; generous socket limits, strict body limit.
    requestTimeout: 0,
    keepAliveTimeout: 75_000,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // 8 random hex digits (CPA's request-id form): unique across restarts, so usage history and request
    // log files never confuse two requests.
    genReqId: () => randomHex(4),
    schemaController: { compilersFactory: { buildValidator: refuseJsonSchemas, buildSerializer: refuseJsonSchemas } },
    ...(https ? { https } : {}),
  }) as unknown as FastifyInstance;
  app.decorateRequest('proxyInfo', null);
  app.decorateRequest('clientProtocol', null);
  app.decorateRequest('clientKeyLabel', null);
  registerErrorHandler(app, deps.logger);
  registerEdgeRefusals(app, () => deps.getRuntime().config.bodyLimitBytes);
  registerRequestLog(app, deps);
  return app;
}

/**
 * Fastify's JSON-schema compilers (ajv, fast-json-stringify), which it loads at every `Fastify()` unless
 * given others: no route here declares a fastify schema (bodies are checked by the protocols' zod
 * schemas), so loading them only slowed the start (bench/README.md, "Start time"). A route that declares one
 * fails to register with this message instead of being checked by nothing.
 */
function refuseJsonSchemas(): never {
  throw new Error('Routes of this server validate with zod; a fastify JSON schema (schema.body/querystring/params/headers/response) has no compiler here.');
}

/** The inference routes of every client protocol; the Responses WebSocket only where asked. */
export function registerInferenceRoutes(app: FastifyInstance, deps: ServerDeps, options: { websocket: boolean }): void {
  registerModelsRoute(app, deps);
  registerBodyRoutedRoutes(app, deps);
  registerCompactRoute(app, deps);
  if (options.websocket) registerResponsesWebsocket(app, deps);
  registerCountTokensRoute(app, deps);
  registerGeminiRoutes(app, deps);
}
