import type { Database } from 'better-sqlite3';
import { usageModelOf } from './to-usage-request-row';
import type { UsageRequestRow } from './usage-types';

export const hourMs = 3_600_000;

/** One `usage_hourly` row's worth of a batch ('' stands for unknown: NULLs never conflict in a primary key). */
interface HourSums {
  hour: number;
  model: string;
  credential: string;
  clientKey: string;
  provider: string;
  account: string;
  requests: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  latencyMs: number;
}

/**
 * Prepares the writes once and returns a function that stores a batch in ONE transaction: each row goes
 * into `usage_requests`, and the batch, summed per hour x model x credential x client key x provider,
 * is added to `usage_hourly` (one upsert per group rather than per row).
 */
export function createUsageRowWriter(db: Database): (rows: readonly UsageRequestRow[]) => void {
  const insertRequest = db.prepare(
    `INSERT INTO usage_requests (time, request_id, client_key, client_protocol, route, provider, credential, account_label,
       model, upstream_model, stream, status, latency_ms, ttfb_ms, attempts, input_tokens, output_tokens, cached_tokens,
       reasoning_tokens, total_tokens, failed, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addToHour = db.prepare(
    `INSERT INTO usage_hourly (hour, model, credential, client_key, provider, account_label, requests, failures,
       input_tokens, output_tokens, cached_tokens, reasoning_tokens, total_tokens, latency_ms_sum)
     VALUES (@hour, @model, @credential, @clientKey, @provider, @account, @requests, @failures, @inputTokens, @outputTokens,
       @cachedTokens, @reasoningTokens, @totalTokens, @latencyMs)
     ON CONFLICT (hour, model, credential, client_key, provider) DO UPDATE SET
       account_label = CASE WHEN excluded.account_label = '' THEN account_label ELSE excluded.account_label END,
       requests = requests + excluded.requests,
       failures = failures + excluded.failures,
       input_tokens = input_tokens + excluded.input_tokens,
       output_tokens = output_tokens + excluded.output_tokens,
       cached_tokens = cached_tokens + excluded.cached_tokens,
       reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
       total_tokens = total_tokens + excluded.total_tokens,
       latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum`,
  );
  return db.transaction((rows: readonly UsageRequestRow[]) => {
    for (const row of rows) {
      insertRequest.run(
        row.at, row.id, row.clientKey, row.clientProtocol, row.route, row.provider, row.credential, row.account,
        row.model, row.upstreamModel, row.stream ? 1 : 0, row.status, row.latencyMs, row.ttfbMs, row.attempts,
        row.inputTokens, row.outputTokens, row.cachedTokens, row.reasoningTokens, row.totalTokens, row.failed ? 1 : 0, row.error,
      );
    }
    for (const sums of sumByHour(rows)) addToHour.run(sums);
  });
}

function sumByHour(rows: readonly UsageRequestRow[]): Iterable<HourSums> {
  const groups = new Map<string, HourSums>();
  let previous: HourSums | undefined;
  for (const row of rows) {
    const hour = Math.floor(row.at / hourMs) * hourMs;
    const model = usageModelOf(row) ?? '';
    const credential = row.credential ?? '';
    const clientKey = row.clientKey ?? '';
    const provider = row.provider ?? '';
    // Rows of a batch mostly follow one another in the same group: then no key is built.
    let sums = previous && isSameGroup(previous, hour, model, credential, clientKey, provider) ? previous : undefined;
    if (!sums) {
      const key = `${hour}\u0000${model}\u0000${credential}\u0000${clientKey}\u0000${provider}`;
      sums = groups.get(key);
      if (!sums) {
        sums = { hour, model, credential, clientKey, provider, account: '', requests: 0, failures: 0, inputTokens: 0, outputTokens: 0,
          cachedTokens: 0, reasoningTokens: 0, totalTokens: 0, latencyMs: 0 };
        groups.set(key, sums);
      }
    }
    // The newest known label wins, as in the upsert.
    if (row.account) sums.account = row.account;
    sums.requests += 1;
    sums.failures += row.failed ? 1 : 0;
    sums.inputTokens += row.inputTokens;
    sums.outputTokens += row.outputTokens;
    sums.cachedTokens += row.cachedTokens;
    sums.reasoningTokens += row.reasoningTokens;
    sums.totalTokens += row.totalTokens;
    sums.latencyMs += row.latencyMs;
    previous = sums;
  }
  return groups.values();
}

function isSameGroup(sums: HourSums, hour: number, model: string, credential: string, clientKey: string, provider: string): boolean {
  return sums.hour === hour && sums.model === model && sums.credential === credential && sums.clientKey === clientKey && sums.provider === provider;
}
