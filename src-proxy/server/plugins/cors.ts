import type { FastifyInstance } from 'fastify';
import { grantCors } from '../../http/cors-preflight';

/**
 * Browser-based clients call the inference routes cross-origin, like they call the providers. Those
 * routes are protected by client keys, so `*` is safe there. Management routes get CORS only for the
 * origins the user lists (`remote-management.allowed-origins`, the management guard).
 */
const inferencePrefixes = ['/v1/', '/v1beta/'];
/** One grant for every inference request (built once: this hook runs on each of them). */
const inferenceGrant = { allowOrigin: '*', methods: 'GET, POST, OPTIONS' };

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (!isInferencePath(request.url)) return done();
    if (!grantCors(request, reply, inferenceGrant)) done();
  });
}

function isInferencePath(path: string): boolean {
  for (const prefix of inferencePrefixes) if (path.startsWith(prefix)) return true;
  return path === '/v1';
}
