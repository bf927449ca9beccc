import type { RequestFinished } from '../runtime/request-finished';
import type { UsageRequestRow } from './usage-types';

/**
 * The stored form of a finished request. Failed = status >= 400 or an error (CPA's rule, docs/management-api.md#usage); a
 * total of 0 becomes input + output (cached is part of input and reasoning part of output in our
 * RequestTokens, so CPA's "+ reasoning" would count it twice).
 */
export function toUsageRequestRow(event: RequestFinished): UsageRequestRow {
  const tokens = event.tokens;
  const input = tokens?.input ?? 0;
  const output = tokens?.output ?? 0;
  return {
    id: event.id,
    at: event.startedAt,
    clientKey: event.clientKey,
    clientProtocol: event.clientProtocol,
    route: event.route,
    provider: event.provider,
    credential: event.credential,
    account: event.accountLabel,
    model: event.model,
    upstreamModel: event.upstreamModel,
    stream: event.stream,
    status: event.status,
    latencyMs: Math.max(0, Math.round(event.latencyMs)),
    ttfbMs: event.ttfbMs === null ? null : Math.max(0, Math.round(event.ttfbMs)),
    attempts: event.attempts,
    inputTokens: input,
    outputTokens: output,
    cachedTokens: tokens?.cached ?? 0,
    reasoningTokens: tokens?.reasoning ?? 0,
    totalTokens: tokens && tokens.total > 0 ? tokens.total : input + output,
    failed: event.status >= 400 || event.error !== null,
    error: event.error,
  };
}

/** The model a row counts under in aggregates and CPA snapshots: what went upstream, else what was asked. */
export function usageModelOf(row: Pick<UsageRequestRow, 'model' | 'upstreamModel'>): string | null {
  return row.upstreamModel ?? row.model;
}
