/**
 * One stored request, a row of `usage_requests` (times epoch ms; null = not known). Field names follow
 * src-shared's RequestSummary so a row can be handed to the UI as it is.
 */
export interface UsageRequestRow {
  /** fastify request id; '' for rows imported from a CPA export (it carries none). */
  id: string;
  /** Epoch ms when the request arrived. */
  at: number;
  clientKey: string | null;
  clientProtocol: string | null;
  route: string;
  provider: string | null;
  credential: string | null;
  /** The account label (email or config entry label). */
  account: string | null;
  model: string | null;
  upstreamModel: string | null;
  stream: boolean;
  /** Final HTTP status; 0 for rows imported from a CPA export (it does not carry one). */
  status: number;
  latencyMs: number;
  ttfbMs: number | null;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  failed: boolean;
  error: string | null;
}

/** A half-open time range [from, to) in epoch ms. */
export interface UsageRange {
  from: number;
  to: number;
}

/** Narrows a query to one value of a dimension (exact match). */
export interface UsageFilter {
  model?: string | undefined;
  provider?: string | undefined;
  credential?: string | undefined;
  clientKey?: string | undefined;
}

export const usageGroupBys = ['model', 'account', 'clientKey', 'provider', 'none'] as const;
export type UsageGroupBy = (typeof usageGroupBys)[number];

export const usageBuckets = ['hour', 'day'] as const;
export type UsageBucket = (typeof usageBuckets)[number];

/** Counters summed over a range (and a group, for series points and breakdown rows). */
export interface UsageCounts {
  requests: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  /** Mean latency of the counted requests in ms; null when there are none. */
  avgLatencyMs: number | null;
}

export type UsageTotals = UsageCounts;

export interface UsageGroupKey {
  /** The group's value (model, credential id, client key label, provider); '' = unknown or groupBy 'none'. */
  key: string;
  /** What to show: the account label for groupBy 'account', else the key. */
  label: string;
}

export interface UsageSeriesPoint extends UsageCounts, UsageGroupKey {
  /** Start of the bucket, epoch ms (an hour, or a local-time midnight for 'day'). */
  t: number;
}

export type UsageBreakdownRow = UsageCounts & UsageGroupKey;
