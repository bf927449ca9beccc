import type { FastifyInstance } from 'fastify';
import { isRecord } from '../../auth-store/auth-record';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { readApiKeyUsage } from './api-key-usage';
import { findAccount } from './auth-accounts';
import type { AuthFileRouteDeps } from './auth-file-route-deps';
import { readJsonBody, trimmedString } from './read-json-body';

/**
 * Cooldowns and counters of docs/management-api.md#auth-files, docs/management-api.md#credential-state (CPA HEAD shapes and messages):
 *   POST /reset-quota {auth_index} -> {status:'ok', auth_index, models}; 404 'auth not found'
 *   GET  /api-key-usage -> {<provider or compat name>: {'<base-url as written>|<api-key>': {success, failed, recent_requests}}}
 */
export function registerCredentialStateRoutes(app: FastifyInstance, deps: AuthFileRouteDeps): void {
  const { context } = deps;

  app.post(`${MANAGEMENT_PREFIX}/reset-quota`, async (request, reply) => {
    const body = readJsonBody(request.body);
    if (!body.ok || !isRecord(body.value)) return reply.code(400).send({ error: 'invalid request body' });
    const authIndex = trimmedString(body.value.auth_index);
    if (authIndex === '') return reply.code(400).send({ error: 'auth_index is required' });
    const account = findAccount(context, '', authIndex);
    if (account === null) return reply.code(404).send({ error: 'auth not found' });
    const credentialIds = account.kind === 'file' ? account.credentials.map((credential) => credential.id) : [account.credential.id];
    const models = [...new Set(credentialIds.flatMap((id) => context.health.reset(id)))].sort();
    return reply.send({ status: 'ok', auth_index: authIndex, models });
  });

  app.get(`${MANAGEMENT_PREFIX}/api-key-usage`, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await readApiKeyUsage(deps)),
  );
}
