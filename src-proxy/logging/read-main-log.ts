import { readFile } from 'node:fs/promises';
import type { LogsFolder } from './logs-folder';

export interface MainLogQuery {
  /** Unix seconds: only lines newer than this. */
  after?: number | undefined;
  /** Only the last `limit` lines (after filtering). */
  limit?: number | undefined;
}

/** CPA's `GET /logs` body. */
export interface MainLogPage {
  lines: string[];
  'line-count': number;
  /** The newest line's time (unix seconds), never older than `after`: poll again with it. */
  'latest-timestamp': number;
}

const pinoTime = /"time":(\d{10,})/;
const bracketTime = /^\[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\]/;

/**
 * A line's time in unix seconds: our pino JSON lines carry `"time":<epoch ms>`; CPA's text lines start
 * with `[YYYY-MM-DD HH:MM:SS]` (local time). Null for a line with neither.
 */
export function logLineTime(line: string): number | null {
  const pino = pinoTime.exec(line);
  if (pino) return Math.floor(Number(pino[1]) / 1000);
  const bracket = bracketTime.exec(line);
  if (!bracket) return null;
  const [, year, month, day, hour, minute, second] = bracket.map(Number) as number[];
  return Math.floor(new Date(year as number, (month as number) - 1, day, hour, minute, second).getTime() / 1000);
}

/**
 * main.log and its rotated files, oldest line first. Files are read newest first and reading stops as
 * soon as `limit` lines are collected or a file was last written before `after` (all its lines are
 * older), so polling a large folder stays cheap. A line without a time counts as its predecessor's.
 */
export async function readMainLog(folder: LogsFolder, query: MainLogQuery): Promise<MainLogPage> {
  const after = query.after ?? 0;
  const limit = query.limit !== undefined && query.limit > 0 ? query.limit : Infinity;
  const files = await folder.mainLogFiles();
  const collected: string[][] = [];
  let count = 0;
  let latest = after;
  for (const file of files.reverse()) {
    if (count >= limit) break;
    if (after > 0 && file.modified < after) break;
    const text = await readFile(folder.path(file.name), 'utf8').catch(() => '');
    const kept = newerLines(text, after);
    for (const line of kept) latest = Math.max(latest, logLineTime(line) ?? 0);
    collected.unshift(kept);
    count += kept.length;
  }
  const lines = collected.flat();
  const page = lines.length > limit ? lines.slice(lines.length - limit) : lines;
  return { lines: page, 'line-count': page.length, 'latest-timestamp': latest };
}

function newerLines(text: string, after: number): string[] {
  const kept: string[] = [];
  let current: number | null = null;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    current = logLineTime(line) ?? current;
    if (after <= 0 || (current !== null && current > after)) kept.push(line);
  }
  return kept;
}
