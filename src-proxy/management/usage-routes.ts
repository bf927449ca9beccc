import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { buildCpaUsageSnapshot } from '../usage/cpa-usage-snapshot';
import { importCpaUsage } from '../usage/import-cpa-usage';
import type { TeamUsageReader } from '../usage/team-usage-reader';
import type { UsageStore } from '../usage/usage-store';
import { usageBuckets, usageGroupBys } from '../usage/usage-types';
import { MANAGEMENT_PREFIX } from './create-management-guard';

/** `GET /usage` covers the raw rows since local midnight this many days back (today included). */
export const usageSnapshotDays = 7;
/** An export of 30 days of heavy use is tens of MB; the proxy's own body limit is for API calls. */
const importBodyLimitBytes = 128 * 1024 * 1024;

const epochMs = z.coerce.number().int().nonnegative();
const filter = {
  model: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  credential: z.string().min(1).optional(),
  clientKey: z.string().min(1).optional(),
};
const range = { from: epochMs, to: epochMs };
const ordered = [(query: { from: number; to: number }) => query.from < query.to, { message: 'from must be before to', path: ['from'] }] as [
  (query: { from: number; to: number }) => boolean,
  { message: string; path: string[] },
];
/** `engine` (default): this engine's history; `team`: every engine's, on a team server (docs/team-server.md#usage). */
const scope = { scope: z.enum(['engine', 'team']).default('engine') };
const rangeQuery = z.object({ ...range, ...filter, ...scope }).refine(...ordered);
const group = z.enum([...usageGroupBys, 'instance']).default('none');
const seriesQuery = z.object({ ...range, bucket: z.enum(usageBuckets).default('hour'), group, ...filter, ...scope }).refine(...ordered);
const breakdownQuery = z.object({ ...range, group, ...filter, ...scope }).refine(...ordered);
const instanceNeedsTeam = { error: 'invalid query: group: group=instance needs scope=team' };
const snapshotQuery = z.object(scope);
const noTeamStore = { error: 'scope=team needs the team store (store: postgres)' };
const recentQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), ...filter });

/**
 * Usage history over HTTP. CLIProxyAPI's routes (docs/management-api.md#usage): `GET /usage` (snapshot of the last
 * `usageSnapshotDays` local days), `GET /usage/export` (every raw row still kept), `POST /usage/import`.
 * Ours for the desktop UI, from the hourly aggregates (hours starting in [from, to), epoch ms):
 * `GET /usage/totals?from&to`, `/usage/series?from&to&bucket=hour|day&group=...`, `/usage/breakdown?from&to&group=...`,
 * and raw `GET /usage/recent?limit` (newest first); each takes model/provider/credential/clientKey filters.
 * On a team server `/usage`, `/usage/totals`, `/usage/series` and `/usage/breakdown` take `scope=team`
 * (every engine's rows, and `group=instance`); without the team store that is a 400.
 */
export function registerUsageRoutes(app: FastifyInstance, store: UsageStore, now: () => number, team?: TeamUsageReader): void {
  app.get(`${MANAGEMENT_PREFIX}/usage`, async (request, reply) =>
    withQuery(snapshotQuery, request.query, reply, async ({ scope: wanted }) => {
      const range = { from: snapshotStart(now()), to: Infinity };
      if (wanted === 'team' && !team) return reply.code(400).send(noTeamStore);
      const usage = buildCpaUsageSnapshot(wanted === 'team' && team ? await team.rowsIn(range) : store.rowsIn(range));
      return { usage, failed_requests: usage.failure_count };
    }),
  );
  app.get(`${MANAGEMENT_PREFIX}/usage/export`, async () => ({
    version: 1,
    exported_at: new Date(now()).toISOString(),
    usage: buildCpaUsageSnapshot(store.rowsIn({ from: -Infinity, to: Infinity })),
  }));
  // CPA reads the raw body whatever its content type, and answers bad JSON with its own error body.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: importBodyLimitBytes }, (_request, body, done) => done(null, body));
    scope.post(`${MANAGEMENT_PREFIX}/usage/import`, { bodyLimit: importBodyLimitBytes }, async (request, reply) => {
      const outcome = importCpaUsage(store, typeof request.body === 'string' ? request.body : '', now());
      return outcome.ok ? outcome.result : reply.code(400).send({ error: outcome.error });
    });
  });
  app.get(`${MANAGEMENT_PREFIX}/usage/totals`, async (request, reply) =>
    withQuery(rangeQuery, request.query, reply, ({ from, to, scope: wanted, ...rest }) => {
      if (wanted === 'engine') return store.totals({ from, to }, rest);
      return team ? team.totals({ from, to }, rest) : reply.code(400).send(noTeamStore);
    }),
  );
  app.get(`${MANAGEMENT_PREFIX}/usage/series`, async (request, reply) =>
    withQuery(seriesQuery, request.query, reply, ({ from, to, bucket, group: groupBy, scope: wanted, ...rest }) => {
      if (wanted === 'team') return team ? team.series({ from, to }, bucket, groupBy, rest) : reply.code(400).send(noTeamStore);
      return groupBy === 'instance' ? reply.code(400).send(instanceNeedsTeam) : store.series({ from, to }, bucket, groupBy, rest);
    }),
  );
  app.get(`${MANAGEMENT_PREFIX}/usage/breakdown`, async (request, reply) =>
    withQuery(breakdownQuery, request.query, reply, ({ from, to, group: groupBy, scope: wanted, ...rest }) => {
      if (wanted === 'team') return team ? team.breakdown({ from, to }, groupBy, rest) : reply.code(400).send(noTeamStore);
      return groupBy === 'instance' ? reply.code(400).send(instanceNeedsTeam) : store.breakdown({ from, to }, groupBy, rest);
    }),
  );
  app.get(`${MANAGEMENT_PREFIX}/usage/recent`, async (request, reply) =>
    withQuery(recentQuery, request.query, reply, ({ limit, ...rest }) => store.recent(limit, rest)),
  );
}

function withQuery<Schema extends z.ZodType, Result>(
  schema: Schema,
  query: unknown,
  reply: FastifyReply,
  run: (input: z.output<Schema>) => Result,
): Result | FastifyReply {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reply.code(400).send({ error: `invalid query: ${issue ? `${issue.path.join('.') || 'query'}: ${issue.message}` : 'bad input'}` });
  }
  return run(parsed.data);
}

/** Local midnight `usageSnapshotDays - 1` days before `now` (setDate keeps DST days right). */
function snapshotStart(now: number): number {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (usageSnapshotDays - 1));
  return start.getTime();
}
