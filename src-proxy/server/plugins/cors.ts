import type { FastifyInstance } from 'fastify';

/**
 * Browser-based clients call the inference routes cross-origin, like they call the providers. Those
 * routes are protected by client keys, so `*` is safe there. Management routes never get CORS.
 */
const inferencePrefixes = ['/v1/', '/v1beta/'];

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url;
    if (!inferencePrefixes.some((prefix) => path.startsWith(prefix)) && path !== '/v1') return done();
    reply.raw.setHeader('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*')
        .header('access-control-max-age', '600')
        .send();
      return;
    }
    done();
  });
}
