import type { FastifyInstance, FastifyReply } from 'fastify';
import { isRecord, withData } from '../../auth-store/auth-record';
import type { ConfigChangeResult } from '../../config/config-file';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { findAccount, type ConfigAccount } from './auth-accounts';
import type { AuthFileRouteDeps } from './auth-file-route-deps';
import { applyAuthFileFields } from './apply-auth-file-fields';
import { readJsonBody, trimmedString } from './read-json-body';
import { disableAllPattern, locateConfigEntry, toggleExclusion } from './toggle-config-key-exclusion';

/**
 * The account switches of spec 4.6 (CPA HEAD shapes and messages):
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
    if (account.kind === 'config') return toggleConfigKey(account, disabled, reply);
    if (account.record === null) return reply.code(400).send({ error: `invalid auth file: ${account.problem ?? 'unreadable'}` });
    await context.authStore.save(withData(account.record, { ...account.record.data, disabled }));
    return reply.send({ status: 'ok', disabled });
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

  async function toggleConfigKey(account: ConfigAccount, disabled: boolean, reply: FastifyReply): Promise<FastifyReply> {
    let result: ConfigChangeResult;
    try {
      result = await context.configFile.edit((document, config) => {
        const location = locateConfigEntry(account.credential, config);
        // Throwing refuses the edit: nothing is written.
        if (location === null || !toggleExclusion(document, location, disabled)) throw new EntryNotFound();
      });
    } catch (error) {
      if (error instanceof EntryNotFound) return reply.code(404).send({ error: 'config api key entry not found' });
      throw error;
    }
    if (!result.ok) return reply.code(500).send({ error: `failed to update config api key: ${result.problems.map((problem) => problem.message).join('; ')}` });
    return reply.send({ status: 'ok', disabled, via: 'config:excluded-models', excluded_pattern: disableAllPattern });
  }
}

class EntryNotFound extends Error {}
