import type { UsageBucket, UsageRange } from '../../../src-shared/control/usage-types';

export type RangePreset = '24h' | '7d' | '30d' | 'custom';

/** A query window and the bucket its chart uses. */
export interface UsageWindow extends UsageRange {
  bucket: UsageBucket;
}

/** Custom ranges pick whole local days, as `YYYY-MM-DD` (what <input type="date"> gives). */
export interface CustomDays {
  fromDay: string;
  toDay: string;
}

const HOUR_MS = 3_600_000;
/** A custom range of at most this many days is drawn per hour; longer ones per day. */
const HOURLY_UP_TO_DAYS = 2;

/**
 * The window of a preset at `now`: 24 h per hour (from the start of the hour 23 h ago, so the current
 * hour is the last bar), 7 d and 30 d per day (from local midnight, today included).
 */
export function presetWindow(preset: Exclude<RangePreset, 'custom'>, now: number): UsageWindow {
  switch (preset) {
    case '24h':
      return { from: Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS, to: now, bucket: 'hour' };
    case '7d':
      return { from: localMidnightDaysAgo(now, 6), to: now, bucket: 'day' };
    case '30d':
      return { from: localMidnightDaysAgo(now, 29), to: now, bucket: 'day' };
    default: {
      const unknown: never = preset;
      throw new Error(`unknown range preset ${String(unknown)}`);
    }
  }
}

/** The window of a custom range of days (both included), or a sentence saying what is wrong with it. */
export function customWindow(days: CustomDays): UsageWindow | { problem: string } {
  const from = parseLocalDay(days.fromDay);
  const lastDay = parseLocalDay(days.toDay);
  if (from === null || lastDay === null) return { problem: 'Choose both a first and a last day.' };
  if (lastDay < from) return { problem: 'The last day is before the first day: swap them.' };
  const to = addLocalDays(lastDay, 1);
  const dayCount = Math.round((to - from) / (24 * HOUR_MS));
  return { from, to, bucket: dayCount <= HOURLY_UP_TO_DAYS ? 'hour' : 'day' };
}

/** `YYYY-MM-DD` of the local day that contains `at` (to prefill the custom range inputs). */
export function localDayOf(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Start of every bucket in the window, oldest first: whole hours, or local midnights (DST-safe). */
export function bucketStarts(usageWindow: UsageWindow): number[] {
  const starts: number[] = [];
  let at = usageWindow.bucket === 'hour' ? Math.floor(usageWindow.from / HOUR_MS) * HOUR_MS : localMidnightDaysAgo(usageWindow.from, 0);
  while (at < usageWindow.to) {
    starts.push(at);
    at = usageWindow.bucket === 'hour' ? at + HOUR_MS : addLocalDays(at, 1);
  }
  return starts;
}

function localMidnightDaysAgo(now: number, days: number): number {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  date.setDate(date.getDate() - days);
  return date.getTime();
}

function addLocalDays(at: number, days: number): number {
  const date = new Date(at);
  date.setDate(date.getDate() + days);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

function parseLocalDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}
