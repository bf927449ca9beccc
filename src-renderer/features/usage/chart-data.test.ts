import { describe, expect, it } from 'vitest';
import type { UsagePoint } from '../../../src-shared/control/usage-types';
import { dataKeyOf, MAX_SERIES, OTHER_SERIES, toChartData } from './chart-data';
import type { UsageWindow } from './usage-range';

const HOUR = 3_600_000;
const start = new Date(2026, 10, 26, 10).getTime();
const usageWindow: UsageWindow = { from: start, to: start + 3 * HOUR, bucket: 'hour' };

function point(t: number, key: string, requests: number, totalTokens: number, label = key): UsagePoint {
  return { t, key, label, requests, totalTokens, failures: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, avgLatencyMs: null };
}

describe('usage.series points -> stacked chart rows', () => {
  it('has a row for every bucket of the window, zero where nothing happened', () => {
    const { rows, series } = toChartData([point(start + HOUR, 'gpt-4o', 2, 300)], usageWindow);
    expect(series).toEqual([{ id: 's0', label: 'gpt-4o' }]);
    expect(rows).toEqual([
      { t: start, requests_s0: 0, tokens_s0: 0 },
      { t: start + HOUR, requests_s0: 2, tokens_s0: 300 },
      { t: start + 2 * HOUR, requests_s0: 0, tokens_s0: 0 },
    ]);
  });

  it('orders series by requests and keeps a dotted model name out of the data key', () => {
    const { rows, series } = toChartData([point(start, 'claude-3.5-sonnet', 1, 900), point(start, 'gpt-4.1', 5, 100)], usageWindow);
    expect(series.map((each) => each.label)).toEqual(['gpt-4.1', 'claude-3.5-sonnet']);
    expect(rows[0]).toMatchObject({ [dataKeyOf('requests', series[0]!)]: 5, [dataKeyOf('tokens', series[1]!)]: 900 });
  });

  it('shows the display label of a group, and "Unknown" for an empty key', () => {
    const { series } = toChartData([point(start, 'acct-1', 3, 0, 'me@example.com'), point(start, '', 1, 0, '')], usageWindow);
    expect(series.map((each) => each.label)).toEqual(['me@example.com', 'Unknown']);
  });

  it(`stacks the groups beyond the largest ${MAX_SERIES} into "Other"`, () => {
    const points = Array.from({ length: MAX_SERIES + 2 }, (_, index) => point(start, `model-${index}`, 100 - index, 10));
    const { rows, series } = toChartData(points, usageWindow);
    expect(series).toHaveLength(MAX_SERIES + 1);
    expect(series.at(-1)).toEqual(OTHER_SERIES);
    // The two smallest: 100 - 6 and 100 - 7 requests.
    expect(rows[0]?.[dataKeyOf('requests', OTHER_SERIES)]).toBe(94 + 93);
    expect(rows[0]?.[dataKeyOf('tokens', OTHER_SERIES)]).toBe(20);
  });

  it('keeps a point outside the expected buckets rather than dropping it', () => {
    const { rows } = toChartData([point(start + 5 * HOUR, 'm', 1, 1)], usageWindow);
    expect(rows.map((row) => row.t)).toEqual([start, start + HOUR, start + 2 * HOUR, start + 5 * HOUR]);
  });
});
