import type { UsageRow } from '../../../src-shared/control/usage-types';
import { groupLabel } from './chart-data';

export type UsageColumn = 'name' | 'requests' | 'failures' | 'inputTokens' | 'outputTokens' | 'totalTokens' | 'avgLatencyMs';

export interface UsageSort {
  column: UsageColumn;
  direction: 'ascending' | 'descending';
}

/** Most requests first: what people look for first. */
export const defaultSort: UsageSort = { column: 'requests', direction: 'descending' };

/** Rows in the order of `sort`; ties (and rows without a latency) fall back to the name. */
export function sortUsageRows(rows: readonly UsageRow[], sort: UsageSort): UsageRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const byColumn = sort.column === 'name' ? groupLabel(a).localeCompare(groupLabel(b)) : compareNumbers(a[sort.column], b[sort.column]);
    return byColumn !== 0 ? sign * byColumn : groupLabel(a).localeCompare(groupLabel(b));
  });
}

/** Clicking the sorted column flips it; another column starts descending (names ascending). */
export function nextSort(current: UsageSort, column: UsageColumn): UsageSort {
  if (current.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: column === 'name' ? 'ascending' : 'descending' };
}

/** null (no latency measured) sorts below every number. */
function compareNumbers(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}
