import type { Database } from 'better-sqlite3';
import type {
  UsageBreakdownRow, UsageBucket, UsageFilter, UsageGroupBy, UsageGroupKey, UsageRange, UsageRequestRow, UsageSeriesPoint, UsageTotals,
} from './usage-types';

/** SQL for the group key and its label over `usage_hourly`. */
const groupColumns: Record<UsageGroupBy, { key: string; label: string }> = {
  model: { key: 'model', label: 'model' },
  account: { key: 'credential', label: "MAX(NULLIF(account_label, ''))" },
  clientKey: { key: 'client_key', label: 'client_key' },
  provider: { key: 'provider', label: 'provider' },
  none: { key: "''", label: "''" },
};

const bucketColumns: Record<UsageBucket, string> = { hour: 'hour', day: 'local_day_start(hour)' };

const countColumns = `SUM(requests) AS requests, SUM(failures) AS failures, SUM(input_tokens) AS inputTokens,
  SUM(output_tokens) AS outputTokens, SUM(cached_tokens) AS cachedTokens, SUM(reasoning_tokens) AS reasoningTokens,
  SUM(total_tokens) AS totalTokens, SUM(latency_ms_sum) AS latencySum`;

/** Filter columns in the aggregate table and in the raw table (where the model is upstream, else requested). */
const filterColumns = {
  hourly: { model: 'model', provider: 'provider', credential: 'credential', clientKey: 'client_key' },
  requests: { model: "COALESCE(upstream_model, model, '')", provider: 'provider', credential: 'credential', clientKey: 'client_key' },
} as const;

const rowColumns = `request_id AS id, time AS at, client_key AS clientKey, client_protocol AS clientProtocol, route, provider,
  credential, account_label AS account, model, upstream_model AS upstreamModel, stream, status, latency_ms AS latencyMs,
  ttfb_ms AS ttfbMs, attempts, input_tokens AS inputTokens, output_tokens AS outputTokens, cached_tokens AS cachedTokens,
  reasoning_tokens AS reasoningTokens, total_tokens AS totalTokens, failed, error`;

interface CountsRecord {
  requests: number | null;
  failures: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  reasoningTokens: number | null;
  totalTokens: number | null;
  latencySum: number | null;
}

type StoredRow = Omit<UsageRequestRow, 'stream' | 'failed'> & { stream: number; failed: number };

export type UsageQueries = ReturnType<typeof createUsageQueries>;

/**
 * The reads behind the charts. Totals, series and breakdown read the hourly aggregates (so ranges older
 * than the raw retention work) and count the hours whose start lies in [from, to); recent and the CPA
 * snapshot read raw rows by their own time.
 */
export function createUsageQueries(db: Database) {
  // A day bucket starts at local midnight (the process's time zone), like the UI's day axis.
  db.function('local_day_start', { deterministic: true }, (hour: unknown) => new Date(Number(hour)).setHours(0, 0, 0, 0));
  const readRows = (sql: string, params: unknown[]) => (db.prepare(sql).all(...params) as StoredRow[]).map(fromStoredRow);
  return {
    totals(range: UsageRange, filter: UsageFilter = {}): UsageTotals {
      const where = whereClause(range, 'hour', filter, filterColumns.hourly);
      return toCounts(db.prepare(`SELECT ${countColumns} FROM usage_hourly WHERE ${where.sql}`).get(...where.params) as CountsRecord);
    },
    series(range: UsageRange, bucket: UsageBucket, groupBy: UsageGroupBy, filter: UsageFilter = {}): UsageSeriesPoint[] {
      const where = whereClause(range, 'hour', filter, filterColumns.hourly);
      const group = groupColumns[groupBy];
      const sql = `SELECT ${bucketColumns[bucket]} AS t, ${group.key} AS key, ${group.label} AS label, ${countColumns}
        FROM usage_hourly WHERE ${where.sql} GROUP BY t, key ORDER BY t, key`;
      return (db.prepare(sql).all(...where.params) as (CountsRecord & GroupRecord & { t: number })[]).map((record) => ({
        t: record.t,
        ...toGroupKey(record),
        ...toCounts(record),
      }));
    },
    /** One row per group over the whole range, most requests first. */
    breakdown(range: UsageRange, groupBy: UsageGroupBy, filter: UsageFilter = {}): UsageBreakdownRow[] {
      const where = whereClause(range, 'hour', filter, filterColumns.hourly);
      const group = groupColumns[groupBy];
      const sql = `SELECT ${group.key} AS key, ${group.label} AS label, ${countColumns}
        FROM usage_hourly WHERE ${where.sql} GROUP BY key ORDER BY requests DESC, key`;
      return (db.prepare(sql).all(...where.params) as (CountsRecord & GroupRecord)[]).map((record) => ({ ...toGroupKey(record), ...toCounts(record) }));
    },
    /** Raw rows, newest first. */
    recent(limit: number, filter: UsageFilter = {}): UsageRequestRow[] {
      const where = whereClause({ from: -Infinity, to: Infinity }, 'time', filter, filterColumns.requests);
      return readRows(`SELECT ${rowColumns} FROM usage_requests WHERE ${where.sql} ORDER BY time DESC, usage_requests.id DESC LIMIT ?`, [...where.params, limit]);
    },
    /** Total tokens of one credential's requests with time in [from, to) (quota forecasts: raw rows, minute-exact). */
    tokensOf(credential: string, range: UsageRange): number {
      const record = db.prepare('SELECT COALESCE(SUM(total_tokens), 0) AS tokens FROM usage_requests WHERE credential = ? AND time >= ? AND time < ?').get(credential, range.from, range.to) as { tokens: number };
      return record.tokens;
    },
    /** Raw rows with time in [from, to), oldest first (CPA snapshot, import de-duplication). */
    rowsIn(range: UsageRange): UsageRequestRow[] {
      return readRows(`SELECT ${rowColumns} FROM usage_requests WHERE time >= ? AND time < ? ORDER BY time, usage_requests.id`, [range.from, range.to]);
    },
    /** Raw rows stored after local row `localId`, in the order they were stored, with their local id (the team server's copy). */
    rowsAfter(localId: number, limit: number): Array<UsageRequestRow & { localId: number }> {
      return readRows(`SELECT usage_requests.id AS localId, ${rowColumns} FROM usage_requests WHERE usage_requests.id > ? ORDER BY usage_requests.id LIMIT ?`, [localId, limit]) as Array<UsageRequestRow & { localId: number }>;
    },
  };
}

interface GroupRecord {
  key: string | null;
  label: string | null;
}

function toGroupKey(record: GroupRecord): UsageGroupKey {
  const key = record.key ?? '';
  return { key, label: record.label || key };
}

function toCounts(record: CountsRecord): UsageTotals {
  const requests = record.requests ?? 0;
  return {
    requests,
    failures: record.failures ?? 0,
    inputTokens: record.inputTokens ?? 0,
    outputTokens: record.outputTokens ?? 0,
    cachedTokens: record.cachedTokens ?? 0,
    reasoningTokens: record.reasoningTokens ?? 0,
    totalTokens: record.totalTokens ?? 0,
    avgLatencyMs: requests > 0 ? Math.round(((record.latencySum ?? 0) / requests) * 10) / 10 : null,
  };
}

function whereClause(range: UsageRange, timeColumn: string, filter: UsageFilter, columns: Record<keyof UsageFilter, string>) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    conditions.push(condition);
    params.push(value);
  };
  if (Number.isFinite(range.from)) add(`${timeColumn} >= ?`, range.from);
  if (Number.isFinite(range.to)) add(`${timeColumn} < ?`, range.to);
  for (const name of Object.keys(columns) as (keyof UsageFilter)[]) {
    const value = filter[name];
    if (value !== undefined) add(`${columns[name]} = ?`, value);
  }
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}

function fromStoredRow(stored: StoredRow): UsageRequestRow {
  return { ...stored, stream: stored.stream === 1, failed: stored.failed === 1 };
}
