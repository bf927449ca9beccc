import type { FastifyInstance } from 'fastify';
import { grantCors } from '../../http/cors-preflight';

/**
 * Browser-based clients call the inference routes cross-origin, like they call the providers. Those
 * routes are protected by client keys, so `*` is safe there. Management routes get CORS only for the
 * origins the user lists (`remote-management.allowed-origins`, the management guard).
 */
const inferencePrefixes = ['/v1/', '/v1beta/'];

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url;
    if (!inferencePrefixes.some((prefix) => path.startsWith(prefix)) && path !== '/v1') return done();
    if (!grantCors(request, reply, { allowOrigin: '*', methods: 'GET, POST, OPTIONS' })) done();
  });
}
