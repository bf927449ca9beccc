import { describe, expect, it } from 'vitest';
import type { UsageRow } from '../../../src-shared/control/usage-types';
import { defaultSort, nextSort, sortUsageRows } from './sort-usage-rows';

function row(label: string, requests: number, avgLatencyMs: number | null): UsageRow {
  return { key: label, label, requests, avgLatencyMs, failures: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: requests * 10 };
}

const rows = [row('b-model', 3, 200), row('a-model', 3, null), row('c-model', 9, 50)];
const names = (sorted: UsageRow[]) => sorted.map((each) => each.label);

describe('the sortable usage table', () => {
  it('starts with the most requests first; ties by name', () => {
    expect(names(sortUsageRows(rows, defaultSort))).toEqual(['c-model', 'a-model', 'b-model']);
  });

  it('sorts by name and by latency, an unmeasured latency lowest', () => {
    expect(names(sortUsageRows(rows, { column: 'name', direction: 'ascending' }))).toEqual(['a-model', 'b-model', 'c-model']);
    expect(names(sortUsageRows(rows, { column: 'avgLatencyMs', direction: 'ascending' }))).toEqual(['a-model', 'c-model', 'b-model']);
  });

  it('flips the sorted column; a new column starts descending, names ascending', () => {
    expect(nextSort(defaultSort, 'requests')).toEqual({ column: 'requests', direction: 'ascending' });
    expect(nextSort(defaultSort, 'totalTokens')).toEqual({ column: 'totalTokens', direction: 'descending' });
    expect(nextSort(defaultSort, 'name')).toEqual({ column: 'name', direction: 'ascending' });
  });
});
