import type { FastifyInstance } from 'fastify';
import { isRecord, withData } from '../../auth-store/auth-record';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { findAccount } from './auth-accounts';
import type { AuthFileRouteDeps } from './auth-file-route-deps';
import { applyAuthFileFields } from './apply-auth-file-fields';
import { readJsonBody, trimmedString } from './read-json-body';
import { setAccountDisabled } from './set-account-disabled';
import { disableAllPattern } from './toggle-config-key-exclusion';

/**
 * The account switches of docs/management-api.md#auth-files (CPA HEAD shapes and messages):
 *   PATCH /auth-files/status {name | auth_index, disabled} -> {status:'ok', disabled}; a config API key:
 *         `*` added to / removed from its excluded-models -> {..., via:'config:excluded-models', excluded_pattern:'*'}
 *   PATCH /auth-files/fields {name, <field or dotted.path>: value, ...} -> {status:'ok'}
 */
export function registerAuthFileSwitchRoutes(app: FastifyInstance, deps: AuthFileRouteDeps): void {
  const { context } = deps;

  app.patch(`${MANAGEMENT_PREFIX}/auth-files/status`, async (request, reply) => {
    const body = readJsonBody(request.body);
    if (!body.ok || !isRecord(body.value)) return reply.code(400).send({ error: 'invalid request body' });
    const name = trimmedString(body.value.name);
    const authIndex = trimmedString(body.value.auth_index);
    if (name === '' && authIndex === '') return reply.code(400).send({ error: 'name is required' });
    const { disabled } = body.value;
    if (typeof disabled !== 'boolean') return reply.code(400).send({ error: 'disabled is required' });
    const account = findAccount(context, name, authIndex);
    if (account === null) return reply.code(404).send({ error: 'auth file not found' });
    const outcome = await setAccountDisabled(context, account, disabled);
    if (!outcome.ok) return reply.code(outcome.reason === 'unreadable' ? 400 : outcome.reason === 'entry-not-found' ? 404 : 500).send({ error: outcome.message });
    return reply.send(outcome.via === 'config' ? { status: 'ok', disabled, via: 'config:excluded-models', excluded_pattern: disableAllPattern } : { status: 'ok', disabled });
  });

  app.patch(`${MANAGEMENT_PREFIX}/auth-files/fields`, async (request, reply) => {
    const body = readJsonBody(request.body);
    if (!body.ok || !isRecord(body.value)) return reply.code(400).send({ error: 'invalid request body' });
    const { name: rawName, ...fields } = body.value;
    const name = trimmedString(rawName);
    if (name === '') return reply.code(400).send({ error: 'name is required' });
    const account = findAccount(context, name, '');
    if (account === null || account.kind !== 'file') return reply.code(404).send({ error: 'auth file not found' });
    if (account.record === null) return reply.code(400).send({ error: `invalid auth file: ${account.problem ?? 'unreadable'}` });
    const patched = applyAuthFileFields(account.record.data, fields);
    if (!patched.ok) return reply.code(400).send({ error: patched.error });
    await context.authStore.save(withData(account.record, patched.data));
    return reply.send({ status: 'ok' });
  });
}
