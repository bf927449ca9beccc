import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { CredentialCounters } from '../../routing/credential-counters';
import type { ManagementContext } from '../management-context';
import { registerAuthFileReadRoutes } from './auth-file-read-routes';
import { registerAuthFileSwitchRoutes } from './auth-file-switch-routes';
import { registerAuthFileWriteRoutes } from './auth-file-write-routes';
import { registerVertexImportRoute } from './vertex-import-route';
import { registerCredentialStateRoutes } from './credential-state-routes';

/** Auth files are a few KB; these bound what one upload request may hold. */
const maxFileBytes = 1024 * 1024;
const maxFiles = 64;

/**
 * CPA's auth-file and credential-state routes (docs/management-api.md#auth-files, docs/management-api.md#credential-state) in their own fastify scope, so the multipart
 * parser and the text body parsers below apply to these routes only. Bodies arrive as text: uploads are
 * written byte for byte, and malformed JSON gets CPA's `{error}` answers instead of the proxy's error format.
 * The management guard (a root onRequest hook) runs before all of them.
 */
export function registerAuthFileRoutes(app: FastifyInstance, context: ManagementContext): void {
  const deps = { context, counters: context.counters ?? new CredentialCounters() };
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxFileBytes, files: maxFiles, fields: 16, parts: maxFiles + 16 } });
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(['application/json', 'text/plain', '*'], { parseAs: 'string', bodyLimit: maxFileBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) context.logger.error({ err: error }, 'auth-file management route failed');
      return reply.code(status).send({ error: status === 413 ? 'request body too large' : status === 500 ? 'internal error' : 'invalid request' });
    });
    registerAuthFileReadRoutes(scope, deps);
    registerAuthFileWriteRoutes(scope, deps);
    registerAuthFileSwitchRoutes(scope, deps);
    registerCredentialStateRoutes(scope, deps);
    registerVertexImportRoute(scope, deps);
  });
}
