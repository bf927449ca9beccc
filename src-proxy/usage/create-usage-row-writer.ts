import type { Database } from 'better-sqlite3';
import { usageModelOf } from './to-usage-request-row';
import type { UsageRequestRow } from './usage-types';

export const hourMs = 3_600_000;

/**
 * Prepares the two writes once and returns a function that stores a batch in ONE transaction: each row
 * goes into `usage_requests` and is added to its hour's aggregate (hour x model x credential x client
 * key x provider; '' stands for unknown because NULLs never conflict in a primary key).
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
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hour, model, credential, client_key, provider) DO UPDATE SET
       account_label = CASE WHEN excluded.account_label = '' THEN account_label ELSE excluded.account_label END,
       requests = requests + 1,
       failures = failures + excluded.failures,
       input_tokens = input_tokens + excluded.input_tokens,
       output_tokens = output_tokens + excluded.output_tokens,
       cached_tokens = cached_tokens + excluded.cached_tokens,
       reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
       total_tokens = total_tokens + excluded.total_tokens,
       latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum`,
  );
  const writeRow = (row: UsageRequestRow): void => {
    const failed = row.failed ? 1 : 0;
    insertRequest.run(
      row.at, row.id, row.clientKey, row.clientProtocol, row.route, row.provider, row.credential, row.account,
      row.model, row.upstreamModel, row.stream ? 1 : 0, row.status, row.latencyMs, row.ttfbMs, row.attempts,
      row.inputTokens, row.outputTokens, row.cachedTokens, row.reasoningTokens, row.totalTokens, failed, row.error,
    );
    addToHour.run(
      Math.floor(row.at / hourMs) * hourMs, usageModelOf(row) ?? '', row.credential ?? '', row.clientKey ?? '', row.provider ?? '',
      row.account ?? '', failed, row.inputTokens, row.outputTokens, row.cachedTokens, row.reasoningTokens, row.totalTokens,
      row.latencyMs,
    );
  };
  return db.transaction((rows: readonly UsageRequestRow[]) => {
    for (const row of rows) writeRow(row);
  });
}
