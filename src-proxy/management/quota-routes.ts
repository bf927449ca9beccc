import type { FastifyInstance, FastifyReply } from 'fastify';
import { MANAGEMENT_PREFIX } from './create-management-guard';
import type { ManagementContext } from './management-context';

/**
 * Quota per account (ours: CLIProxyAPI has no quota route), behind the same management guard:
 *   GET /quota                                -> {accounts: AccountQuotaEntry[]}  (the cache, no upstream call)
 *   GET /quota/:account[?refresh=true]        -> {account: AccountQuotaEntry}     (404 unknown account)
 * `:account` is a credential id ('auth:<file>', URL-encoded) or an auth file name. `refresh=true` asks the
 * Claude / Codex usage endpoint (400 for other accounts); within 15 s of the last ask the cache answers.
 * A failed refresh is still a 200: the entry's `error` says why and `quota` keeps the last good reading.
 */
export function registerQuotaRoutes(app: FastifyInstance, context: Pick<ManagementContext, 'quota'>): void {
  const { quota } = context;
  if (!quota) return;
  app.get(`${MANAGEMENT_PREFIX}/quota`, async (_request, reply) => noStore(reply).send({ accounts: quota.list() }));
  app.get<{ Params: { account: string }; Querystring: { refresh?: string } }>(`${MANAGEMENT_PREFIX}/quota/:account`, async (request, reply) => {
    const entry = quota.get(request.params.account);
    if (!entry) return noStore(reply).code(404).send({ error: 'account not found' });
    if (!isTrue(request.query.refresh)) return noStore(reply).send({ account: entry });
    if (!entry.refreshable) return noStore(reply).code(400).send({ error: 'quota refresh is only available for Claude and Codex OAuth accounts' });
    const refreshed = await quota.refresh(entry.id);
    if (!refreshed) return noStore(reply).code(404).send({ error: 'account not found' });
    return noStore(reply).send({ account: refreshed });
  });
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** Quota changes by the second: never cached by a browser or proxy. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
