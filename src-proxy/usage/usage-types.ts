import type { UsageBucket, UsageGroupBy, UsagePoint, UsageRange, UsageRow, UsageTotals } from '../../src-shared/control/usage-types';

// The query shapes are the control contract's (src-shared), so results go to the UI unchanged.
export type { UsageBucket, UsageGroupBy, UsageRange, UsageTotals };
export type UsageSeriesPoint = UsagePoint;
export type UsageBreakdownRow = UsageRow;
export type UsageGroupKey = Pick<UsagePoint, 'key' | 'label'>;

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

/** Narrows a query to one value of a dimension (exact match). */
export interface UsageFilter {
  model?: string | undefined;
  provider?: string | undefined;
  credential?: string | undefined;
  clientKey?: string | undefined;
}

/** The values of UsageGroupBy and UsageBucket, for validating queries. */
export const usageGroupBys = ['model', 'account', 'clientKey', 'provider', 'none'] as const satisfies readonly UsageGroupBy[];
export const usageBuckets = ['hour', 'day'] as const satisfies readonly UsageBucket[];
