import { stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { listServedModels } from '../../routing/resolve-candidates';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import { findAccount, listFileAccounts, type FileAccount } from './auth-accounts';
import type { AuthFileRouteDeps } from './auth-file-route-deps';
import { checkAuthFileName } from './auth-file-name';
import { buildAuthFileEntry, type FileStat } from './build-auth-file-entry';
import { modelDefinitions } from './model-definitions';

type Query = Record<string, string | undefined>;

/**
 * The read side of docs/management-api.md#auth-files:
 *   GET /auth-files[?name=&auth_index=]   -> {files: [entry...]} sorted by name, case-insensitive
 *   GET /auth-files/models?name=          -> {models: [{id, owned_by}]} served through that credential now
 *   GET /model-definitions/:channel       -> {channel, models}; also ?channel=; unknown -> 400
 *   GET /auth-files/download?name=        -> the raw file as an attachment
 */
export function registerAuthFileReadRoutes(app: FastifyInstance, deps: AuthFileRouteDeps): void {
  const { context } = deps;
  app.get<{ Querystring: Query }>(`${MANAGEMENT_PREFIX}/auth-files`, async (request, reply) => {
    const name = (request.query.name ?? '').trim();
    const authIndex = (request.query.auth_index ?? '').trim();
    const accounts = listFileAccounts(context).filter((account) => (name === '' || account.id === name) && (authIndex === '' || account.authIndex === authIndex));
    const now = context.now();
    const files = await Promise.all(accounts.map(async (account) => buildAuthFileEntry(account, await statFile(account), { health: context.health, counters: deps.counters, now })));
    // CPA compares the lower-cased names byte-wise, not by locale.
    const key = (entry: Record<string, unknown>) => String(entry.name).toLowerCase();
    files.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return reply.header('cache-control', 'no-store').send({ files });
  });

  app.get<{ Querystring: Query }>(`${MANAGEMENT_PREFIX}/auth-files/models`, async (request, reply) => {
    const name = (request.query.name ?? '').trim();
    if (name === '') return reply.code(400).send({ error: 'name is required' });
    const account = findAccount(context, name, '');
    const credentials = account === null ? [] : account.kind === 'file' ? account.credentials : [account.credential];
    // CPA answers an unknown name with an empty list, not 404.
    const models = listServedModels(credentials, context.getRuntime().config.forceModelPrefix).map((model) => ({ id: model.id, owned_by: model.ownedBy }));
    return reply.send({ models });
  });

  const definitions = (channelParam: string | undefined, reply: FastifyReply) => {
    const channel = (channelParam ?? '').trim().toLowerCase();
    if (channel === '') return reply.code(400).send({ error: 'channel is required' });
    const models = modelDefinitions(channel);
    if (models === null) return reply.code(400).send({ error: 'unknown channel', channel });
    return reply.send({ channel, models });
  };
  app.get<{ Params: { channel: string } }>(`${MANAGEMENT_PREFIX}/model-definitions/:channel`, async (request, reply) => definitions(request.params.channel, reply));
  app.get<{ Querystring: Query }>(`${MANAGEMENT_PREFIX}/model-definitions`, async (request, reply) => definitions(request.query.channel, reply));

  app.get<{ Querystring: Query }>(`${MANAGEMENT_PREFIX}/auth-files/download`, async (request, reply) => {
    const checked = checkAuthFileName(request.query.name);
    if (!checked.ok) return reply.code(400).send({ error: checked.error });
    let text: string | null;
    try {
      text = await context.authStore.readText(checked.name);
    } catch {
      return reply.code(500).send({ error: 'failed to read file' });
    }
    if (text === null) return reply.code(404).send({ error: 'file not found' });
    return reply
      .header('content-type', 'application/json')
      .header('content-disposition', `attachment; filename="${checked.name.replaceAll('"', '')}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(text);
  });
}

async function statFile(account: FileAccount): Promise<FileStat | null> {
  try {
    const info = await stat(account.path);
    return { size: info.size, modifiedAt: info.mtimeMs, createdAt: info.birthtimeMs || info.ctimeMs };
  } catch {
    return null;
  }
}
