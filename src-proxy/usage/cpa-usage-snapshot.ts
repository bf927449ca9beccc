import { usageModelOf } from './to-usage-request-row';
import type { UsageRequestRow } from './usage-types';

/** CLIProxyAPI's `/v0/management/usage` JSON (docs/management-api.md#usage), field names as CPA spells them. */
export interface CpaUsageTokens {
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cached_tokens: number;
  total_tokens: number;
}

export interface CpaUsageDetail {
  /** RFC 3339 (UTC, millisecond precision). */
  timestamp: string;
  latency_ms: number;
  /** The account label. */
  source: string;
  /** The credential id. */
  auth_index: string;
  tokens: CpaUsageTokens;
  failed: boolean;
}

export interface CpaModelUsage {
  total_requests: number;
  total_tokens: number;
  details: CpaUsageDetail[];
}

export interface CpaApiUsage {
  total_requests: number;
  total_tokens: number;
  models: Record<string, CpaModelUsage>;
}

export interface CpaUsageSnapshot {
  total_requests: number;
  success_count: number;
  failure_count: number;
  total_tokens: number;
  apis: Record<string, CpaApiUsage>;
  requests_by_day: Record<string, number>;
  requests_by_hour: Record<string, number>;
  tokens_by_day: Record<string, number>;
  tokens_by_hour: Record<string, number>;
}

/**
 * The `apis` key of a row: the client key label; without one CPA's `"<METHOD> <route>"` (every proxied
 * route is a POST; RequestFinished carries no method); without a route the provider; else 'unknown'.
 */
export function cpaApiOf(row: Pick<UsageRequestRow, 'clientKey' | 'route' | 'provider'>): string {
  if (row.clientKey) return row.clientKey;
  if (row.route) return `POST ${row.route}`;
  return row.provider || 'unknown';
}

export function cpaModelOf(row: Pick<UsageRequestRow, 'model' | 'upstreamModel'>): string {
  return usageModelOf(row) || 'unknown';
}

export function toCpaDetail(row: UsageRequestRow): CpaUsageDetail {
  return {
    timestamp: new Date(row.at).toISOString(),
    latency_ms: row.latencyMs,
    source: row.account ?? '',
    auth_index: row.credential ?? '',
    tokens: {
      input_tokens: row.inputTokens,
      output_tokens: row.outputTokens,
      reasoning_tokens: row.reasoningTokens,
      cached_tokens: row.cachedTokens,
      total_tokens: row.totalTokens,
    },
    failed: row.failed,
  };
}

/**
 * CPA's snapshot of the given rows (oldest first): every counter is computed from the same rows as the
 * details, so they agree. Day keys `YYYY-MM-DD` and hour keys `HH` are local time; hours fold all days
 * together, as in CPA. Maps are prototype-free: a model named `__proto__` is just a key.
 */
export function buildCpaUsageSnapshot(rows: Iterable<UsageRequestRow>): CpaUsageSnapshot {
  const snapshot: CpaUsageSnapshot = {
    total_requests: 0, success_count: 0, failure_count: 0, total_tokens: 0, apis: emptyMap(),
    requests_by_day: emptyMap(), requests_by_hour: emptyMap(), tokens_by_day: emptyMap(), tokens_by_hour: emptyMap(),
  };
  for (const row of rows) {
    const tokens = row.totalTokens;
    snapshot.total_requests += 1;
    if (row.failed) snapshot.failure_count += 1;
    else snapshot.success_count += 1;
    snapshot.total_tokens += tokens;
    const api = (snapshot.apis[cpaApiOf(row)] ??= { total_requests: 0, total_tokens: 0, models: emptyMap() });
    api.total_requests += 1;
    api.total_tokens += tokens;
    const model = (api.models[cpaModelOf(row)] ??= { total_requests: 0, total_tokens: 0, details: [] });
    model.total_requests += 1;
    model.total_tokens += tokens;
    model.details.push(toCpaDetail(row));
    const time = new Date(row.at);
    const day = `${time.getFullYear()}-${twoDigits(time.getMonth() + 1)}-${twoDigits(time.getDate())}`;
    const hour = twoDigits(time.getHours());
    snapshot.requests_by_day[day] = (snapshot.requests_by_day[day] ?? 0) + 1;
    snapshot.requests_by_hour[hour] = (snapshot.requests_by_hour[hour] ?? 0) + 1;
    snapshot.tokens_by_day[day] = (snapshot.tokens_by_day[day] ?? 0) + tokens;
    snapshot.tokens_by_hour[hour] = (snapshot.tokens_by_hour[hour] ?? 0) + tokens;
  }
  return snapshot;
}

function emptyMap<Value>(): Record<string, Value> {
  return Object.create(null) as Record<string, Value>;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
