import Fastify, { type FastifyInstance } from 'fastify';
import { registerCors } from './plugins/cors';
import { registerEdgeRefusals } from './plugins/register-edge-refusals';
import { registerErrorHandler } from './plugins/error-handler';
import { registerRequestLog } from './plugins/request-log';
import './proxy/proxy-info';
import { registerBodyRoutedRoutes } from './routes/body-routed-routes';
import { registerCompactRoute } from './routes/compact-route';
import { registerCountTokensRoute } from './routes/count-tokens-route';
import { registerGeminiRoutes } from './routes/gemini-routes';
import { registerHealthRoute } from './routes/health-route';
import { registerModelsRoute } from './routes/models-route';
import { registerResponsesWebsocket } from './ws/register-responses-websocket';
import type { ServerDeps } from './server-deps';
import { randomHex } from './random-id';

/** Registers more routes on the server: the engine hands in the control and management routes this way. */
export type RouteRegistration = (app: FastifyInstance) => void;

export interface BuildServerOptions {
  deps: ServerDeps;
  https?: { cert: Buffer; key: Buffer } | undefined;
  /** Registered after the proxy routes, in order (the engine's control and /v0/management routes). */
  routes?: readonly RouteRegistration[] | undefined;
}

/**
 * The whole HTTP surface as a fastify instance that does not listen yet: tests call `inject()` or
 * `listen()` on it, the engine listens on the configured host and port.
 */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const { deps } = options;
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
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  app.decorateRequest('proxyInfo', null);
  app.decorateRequest('clientProtocol', null);
  app.decorateRequest('clientKeyLabel', null);
  registerErrorHandler(app, deps.logger);
  registerEdgeRefusals(app, () => deps.getRuntime().config.bodyLimitBytes);
  registerRequestLog(app, deps);
  registerCors(app);
  registerHealthRoute(app);
  registerModelsRoute(app, deps);
  registerBodyRoutedRoutes(app, deps);
  registerCompactRoute(app, deps);
  registerResponsesWebsocket(app, deps);
  registerCountTokensRoute(app, deps);
  registerGeminiRoutes(app, deps);
  for (const register of options.routes ?? []) register(app);
  return app;
}
