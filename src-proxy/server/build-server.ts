import type { FastifyInstance } from 'fastify';
import { createProxyApp, registerInferenceRoutes } from './create-proxy-app';
import { registerCors } from './plugins/cors';
import { registerHealthRoute } from './routes/health-route';
import type { ServerDeps } from './server-deps';

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
  const app = createProxyApp(deps, options.https);
  registerCors(app);
  registerHealthRoute(app, deps);
  registerInferenceRoutes(app, deps, { websocket: true });
  for (const register of options.routes ?? []) register(app);
  return app;
}
