import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../server-deps';

/**
 * Liveness for scripts and containers; no auth, no secrets. A team server adds its database's state: an
 * engine whose database is unreachable still serves (with the credentials it holds), so it stays 200.
 */
export function registerHealthRoute(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/healthz', async () => (deps.storeHealth ? { status: 'ok', store: await deps.storeHealth() } : { status: 'ok' }));
  app.get('/', async () => ({
    message: 'CLI Proxy Desktop engine',
    endpoints: ['POST /v1/chat/completions', 'POST /v1/completions', 'GET /v1/models'],
  }));
}
