/** Numbers and times as people read them (UI.md: 1.2k, 3.4M tokens; relative times, exact on hover). */

const units: ReadonlyArray<[number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 950 -> '950', 1234 -> '1.2k', 3_400_000 -> '3.4M'; one decimal below 100 of a unit, none above. */
export function humanizeNumber(value: number): string {
  const sign = value < 0 ? '-' : '';
  const size = Math.abs(value);
  for (const [scale, unit] of units) {
    if (size >= scale) {
      const scaled = size / scale;
      const text = scaled >= 100 ? Math.round(scaled).toString() : (Math.round(scaled * 10) / 10).toString();
      return `${sign}${text}${unit}`;
    }
  }
  return `${sign}${Math.round(size)}`;
}

/** 230 -> '230 ms', 1234 -> '1.2 s', 125_000 -> '2 min 5 s'. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toString()} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

const steps: ReadonlyArray<[number, string]> = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
];

/** 'just now', '5 min ago', '2 h ago', 'in 3 d': the largest whole unit. */
export function formatRelativeTime(at: number, now: number): string {
  const difference = at - now;
  const size = Math.abs(difference);
  if (size < 45_000) return difference <= 0 ? 'just now' : 'in a moment';
  for (const [scale, unit] of steps) {
    if (size >= scale) {
      const count = Math.floor(size / scale);
      return difference < 0 ? `${count} ${unit} ago` : `in ${count} ${unit}`;
    }
  }
  return difference < 0 ? '1 min ago' : 'in 1 min';
}

/** Time of day, e.g. '14:32' for "cooling down until 14:32", or '14:32:05' where seconds tell requests apart. */
export function formatClock(at: number, withSeconds = false): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}) });
}

/** Full local date and time, for hover titles and detail views. */
export function formatExactTime(at: number): string {
  return new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' });
}

/** Epoch ms of the local midnight that began the day of `now`. */
export function startOfDay(now: number): number {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}
