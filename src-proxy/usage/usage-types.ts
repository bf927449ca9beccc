import type { RequestSummary, UsageBucket, UsageGroupBy, UsagePoint, UsageRange, UsageRow, UsageTotals } from '../../src-shared/control/usage-types';

// The query shapes are the control contract's (src-shared), so results go to the UI unchanged.
export type { UsageBucket, UsageGroupBy, UsageRange, UsageTotals };
export type UsageSeriesPoint = UsagePoint;
export type UsageBreakdownRow = UsageRow;
export type UsageGroupKey = Pick<UsagePoint, 'key' | 'label'>;

/**
 * One stored request, a row of `usage_requests`: the UI's RequestSummary (so a row can be handed to the
 * UI as it is) plus what only history keeps. For rows imported from a CPA export, `id` is '' and `status`
 * is 0 (the export carries neither).
 */
export interface UsageRequestRow extends RequestSummary {
  credential: string | null;
  totalTokens: number;
  failed: boolean;
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
