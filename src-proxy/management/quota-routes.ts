import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AccountQuotaEntry } from '../quota/quota-types';
import { accountIdOf } from '../routing/account-id-of';
import { fileAuthIndex } from './auth-file-routes/auth-accounts';
import { MANAGEMENT_PREFIX } from './create-management-guard';
import type { ManagementContext } from './management-context';

/** An entry as the routes answer it: with CPA's auth index, to match `GET /auth-files` entries. */
export interface QuotaRouteEntry extends AccountQuotaEntry {
  authIndex: string;
}

/**
 * Quota per account (ours: CLIProxyAPI has no quota route), behind the same management guard:
 *   GET /quota                                -> {accounts: QuotaRouteEntry[]}  (the cache, no upstream call)
 *   GET /quota/:account[?refresh=true]        -> {account: QuotaRouteEntry}     (404 unknown account)
 * `:account` is an auth index, a credential id ('auth:<file>', URL-encoded) or an auth file name. `refresh=true` asks the
 * provider's usage endpoint (400 for accounts without one); within 15 s of the last ask the cache answers.
 * A failed refresh is still a 200: the entry's `error` says why and `quota` keeps the last good reading.
 */
export function registerQuotaRoutes(app: FastifyInstance, context: Pick<ManagementContext, 'quota' | 'authStore'>): void {
  const { quota, authStore } = context;
  if (!quota) return;
  const withIndex = (entry: AccountQuotaEntry): QuotaRouteEntry => ({ ...entry, authIndex: authIndexOf(entry, authStore.folder) });
  app.get(`${MANAGEMENT_PREFIX}/quota`, async (_request, reply) => noStore(reply).send({ accounts: quota.list().map(withIndex) }));
  app.get<{ Params: { account: string }; Querystring: { refresh?: string } }>(`${MANAGEMENT_PREFIX}/quota/:account`, async (request, reply) => {
    const key = request.params.account;
    const entry = quota.get(key) ?? quota.list().find((candidate) => authIndexOf(candidate, authStore.folder) === key);
    if (!entry) return noStore(reply).code(404).send({ error: 'account not found' });
    if (!isTrue(request.query.refresh)) return noStore(reply).send({ account: withIndex(entry) });
    if (!entry.refreshable) return noStore(reply).code(400).send({ error: 'quota refresh is only available for accounts whose provider has a usage endpoint (Claude, Codex and Gemini CLI logins)' });
    const refreshed = await quota.refresh(entry.id);
    if (!refreshed) return noStore(reply).code(404).send({ error: 'account not found' });
    return noStore(reply).send({ account: withIndex(refreshed) });
  });
}

/** A file account's index is the file's (every credential of a Gemini project list shares it); a config credential's id is its index. */
function authIndexOf(entry: AccountQuotaEntry, authDir: string): string {
  if (!entry.id.startsWith('auth:')) return entry.id;
  return fileAuthIndex(entry.provider, join(authDir, accountIdOf(entry.id)));
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** Quota changes by the second: never cached by a browser or proxy. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
