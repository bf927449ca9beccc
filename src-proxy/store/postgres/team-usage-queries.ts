import type pg from 'pg';
import type { TeamUsageGroupBy, TeamUsageReader } from '../../usage/team-usage-reader';
import type { UsageBreakdownRow, UsageBucket, UsageFilter, UsageRange, UsageRequestRow, UsageSeriesPoint, UsageTotals } from '../../usage/usage-types';

/** Every counted number, from the row columns and the whole row (`row` jsonb, a UsageRequestRow); sums, so buckets can be merged. */
const countColumns = `count(*)::int AS requests, count(*) FILTER (WHERE failed)::int AS failures,
  COALESCE(sum((row->>'inputTokens')::bigint), 0)::float8 AS "inputTokens", COALESCE(sum((row->>'outputTokens')::bigint), 0)::float8 AS "outputTokens",
  COALESCE(sum((row->>'cachedTokens')::bigint), 0)::float8 AS "cachedTokens", COALESCE(sum((row->>'reasoningTokens')::bigint), 0)::float8 AS "reasoningTokens",
  COALESCE(sum(total_tokens), 0)::float8 AS "totalTokens", COALESCE(sum((row->>'latencyMs')::float8), 0)::float8 AS "latencySum"`;

/** The start of the request's hour, epoch ms (the engine's history buckets by the hour too). */
const hourStart = 'floor(extract(epoch FROM at) * 1000 / 3600000)::float8 * 3600000';

/** Group key and label per dimension; an account is shown by its label, as in the engine's history. */
const groups: Record<TeamUsageGroupBy, { key: string; label: string }> = {
  none: { key: "''", label: "''" },
  model: { key: "COALESCE(model, '')", label: "COALESCE(model, '')" },
  account: { key: "COALESCE(credential, '')", label: "COALESCE(max(row->>'account'), COALESCE(credential, ''))" },
  clientKey: { key: "COALESCE(client_key, '')", label: "COALESCE(client_key, '')" },
  provider: { key: "COALESCE(provider, '')", label: "COALESCE(provider, '')" },
  instance: { key: 'instance_id', label: 'instance_id' },
};

const filterColumns: Record<keyof UsageFilter, string> = { model: 'model', provider: 'provider', credential: 'credential', clientKey: 'client_key' };

type CountsRecord = Omit<UsageTotals, 'avgLatencyMs'> & { latencySum: number };
type GroupedRecord = CountsRecord & { key: string; label: string };

/**
 * The team's usage from `<schema>.usage_requests` (every engine's raw rows, by their request time): what
 * the engine's own history answers from usage.sqlite, for the whole team and also by instance.
 */
export class TeamUsageQueries implements TeamUsageReader {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  async rowsIn(range: UsageRange): Promise<UsageRequestRow[]> {
    const where = whereClause(range, {});
    const result = await this.pool.query<{ row: UsageRequestRow }>(`SELECT row FROM ${this.schema}.usage_requests WHERE ${where.sql} ORDER BY at, instance_id, local_id`, where.params);
    return result.rows.map((record) => record.row);
  }

  async totals(range: UsageRange, filter: UsageFilter): Promise<UsageTotals> {
    const where = whereClause(range, filter);
    const result = await this.pool.query<CountsRecord>(`SELECT ${countColumns} FROM ${this.schema}.usage_requests WHERE ${where.sql}`, where.params);
    return toTotals(result.rows[0]);
  }

  async breakdown(range: UsageRange, groupBy: TeamUsageGroupBy, filter: UsageFilter): Promise<UsageBreakdownRow[]> {
    const where = whereClause(range, filter);
    const group = groups[groupBy];
    const result = await this.pool.query<GroupedRecord>(
      `SELECT ${group.key} AS key, ${group.label} AS label, ${countColumns} FROM ${this.schema}.usage_requests WHERE ${where.sql} GROUP BY 1 ORDER BY requests DESC, key`,
      where.params,
    );
    return result.rows.map((record) => ({ key: record.key, label: record.label, ...toTotals(record) }));
  }

  /** Hourly in SQL; a day bucket starts at local midnight (this process's time zone, as the engine's history). */
  async series(range: UsageRange, bucket: UsageBucket, groupBy: TeamUsageGroupBy, filter: UsageFilter): Promise<UsageSeriesPoint[]> {
    const where = whereClause(range, filter);
    const group = groups[groupBy];
    const result = await this.pool.query<GroupedRecord & { t: number }>(
      `SELECT ${hourStart} AS t, ${group.key} AS key, ${group.label} AS label, ${countColumns} FROM ${this.schema}.usage_requests WHERE ${where.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
      where.params,
    );
    const points = new Map<string, GroupedRecord & { t: number }>();
    for (const record of result.rows) {
      const t = bucket === 'day' ? new Date(record.t).setHours(0, 0, 0, 0) : record.t;
      const id = `${t}\u0000${record.key}`;
      const point = points.get(id);
      if (!point) points.set(id, { ...record, t });
      else for (const name of summed) point[name] += record[name];
    }
    return [...points.values()].map((point) => ({ t: point.t, key: point.key, label: point.label, ...toTotals(point) }));
  }
}

function whereClause(range: UsageRange, filter: UsageFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  if (Number.isFinite(range.from)) parts.push(`at >= $${params.push(new Date(range.from))}`);
  if (Number.isFinite(range.to)) parts.push(`at < $${params.push(new Date(range.to))}`);
  for (const [name, column] of Object.entries(filterColumns) as Array<[keyof UsageFilter, string]>) {
    const value = filter[name];
    if (value !== undefined) parts.push(`${column} = $${params.push(value)}`);
  }
  return { sql: parts.length === 0 ? 'true' : parts.join(' AND '), params };
}

const summed = ['requests', 'failures', 'inputTokens', 'outputTokens', 'cachedTokens', 'reasoningTokens', 'totalTokens', 'latencySum'] as const;

function toTotals(record: CountsRecord | undefined): UsageTotals {
  const requests = record?.requests ?? 0;
  return {
    requests,
    failures: record?.failures ?? 0,
    inputTokens: record?.inputTokens ?? 0,
    outputTokens: record?.outputTokens ?? 0,
    cachedTokens: record?.cachedTokens ?? 0,
    reasoningTokens: record?.reasoningTokens ?? 0,
    totalTokens: record?.totalTokens ?? 0,
    avgLatencyMs: requests > 0 ? Math.round(((record?.latencySum ?? 0) / requests) * 10) / 10 : null,
  };
}
