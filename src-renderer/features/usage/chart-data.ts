import type { UsagePoint } from '../../../src-shared/control/usage-types';
import { bucketStarts, type UsageWindow } from './usage-range';

export type ChartMetric = 'requests' | 'tokens';

/** One stacked group of the chart; `id` is a safe data key (group keys may hold dots, which recharts reads as paths). */
export interface ChartSeries {
  id: string;
  label: string;
}

/** One bar: bucket start `t` and, per series and metric, a value under `<metric>_<series id>`. */
export type ChartRow = { t: number } & Record<string, number>;

export interface ChartData {
  rows: ChartRow[];
  /** Largest first (by requests, then tokens); the same colours in both charts. */
  series: ChartSeries[];
}

/** More groups than this stack into one "Other" series: beyond it colours stop being told apart. */
export const MAX_SERIES = 6;
export const OTHER_SERIES: ChartSeries = { id: 'other', label: 'Other' };

export function dataKeyOf(metric: ChartMetric, series: ChartSeries): string {
  return `${metric}_${series.id}`;
}

/**
 * Turns usage.series points into rows for a stacked chart: every bucket of the window is present (a
 * quiet hour is a zero bar, not a gap), the largest groups keep their own series, the rest become "Other".
 */
export function toChartData(points: readonly UsagePoint[], usageWindow: UsageWindow): ChartData {
  const ranked = rankGroups(points);
  const kept = ranked.slice(0, MAX_SERIES);
  const seriesOfKey = new Map<string, ChartSeries>(kept.map((group, index) => [group.key, { id: `s${index}`, label: group.label }]));
  const series = [...seriesOfKey.values()];
  if (ranked.length > MAX_SERIES) series.push(OTHER_SERIES);

  const rowOf = new Map<number, ChartRow>();
  const emptyRow = (t: number): ChartRow => {
    const row: ChartRow = { t };
    for (const each of series) {
      row[dataKeyOf('requests', each)] = 0;
      row[dataKeyOf('tokens', each)] = 0;
    }
    return row;
  };
  for (const t of bucketStarts(usageWindow)) rowOf.set(t, emptyRow(t));
  for (const point of points) {
    const row = rowOf.get(point.t) ?? emptyRow(point.t);
    rowOf.set(point.t, row);
    const target = seriesOfKey.get(point.key) ?? OTHER_SERIES;
    add(row, dataKeyOf('requests', target), point.requests);
    add(row, dataKeyOf('tokens', target), point.totalTokens);
  }
  return { rows: [...rowOf.values()].sort((a, b) => a.t - b.t), series };
}

/** What a group is called on screen: its label, else its key, else "Unknown" (requests before the group was known). */
export function groupLabel(group: { key: string; label: string }): string {
  if (group.label !== '') return group.label;
  return group.key !== '' ? group.key : 'Unknown';
}

interface RankedGroup {
  key: string;
  label: string;
  requests: number;
  tokens: number;
}

function rankGroups(points: readonly UsagePoint[]): RankedGroup[] {
  const groups = new Map<string, RankedGroup>();
  for (const point of points) {
    const group = groups.get(point.key) ?? { key: point.key, label: groupLabel(point), requests: 0, tokens: 0 };
    group.requests += point.requests;
    group.tokens += point.totalTokens;
    groups.set(point.key, group);
  }
  return [...groups.values()].sort((a, b) => b.requests - a.requests || b.tokens - a.tokens || a.label.localeCompare(b.label));
}

function add(row: ChartRow, dataKey: string, value: number): void {
  row[dataKey] = (row[dataKey] ?? 0) + value;
}
