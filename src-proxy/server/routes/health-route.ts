import type { FastifyInstance } from 'fastify';

/** Liveness for scripts and containers; no auth, no secrets. */
export function registerHealthRoute(app: FastifyInstance): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/', async () => ({
    message: 'CLI Proxy Desktop engine',
    endpoints: ['POST /v1/chat/completions', 'POST /v1/completions', 'GET /v1/models'],
  }));
}
