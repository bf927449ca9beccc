import type { TeamUsageGroupBy } from '../../src-shared/control/usage-types';
import type { UsageBreakdownRow, UsageBucket, UsageFilter, UsageRange, UsageRequestRow, UsageSeriesPoint, UsageTotals } from './usage-types';

export type { TeamUsageGroupBy };

/**
 * The usage history of a whole team (docs/team-server.md#usage): every engine's rows in the shared
 * database, read by the management usage routes with `scope=team`. Implemented by the team store.
 */
export interface TeamUsageReader {
  /** Raw rows with time in [from, to), oldest first (the CPA snapshot). */
  rowsIn(range: UsageRange): Promise<UsageRequestRow[]>;
  totals(range: UsageRange, filter: UsageFilter): Promise<UsageTotals>;
  /** One row per group over the range, most requests first. */
  breakdown(range: UsageRange, groupBy: TeamUsageGroupBy, filter: UsageFilter): Promise<UsageBreakdownRow[]>;
  /** Stacked points per bucket (hour, or local day) and group, oldest first. */
  series(range: UsageRange, bucket: UsageBucket, groupBy: TeamUsageGroupBy, filter: UsageFilter): Promise<UsageSeriesPoint[]>;
}
