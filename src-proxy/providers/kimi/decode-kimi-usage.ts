import { isRecord } from '../../auth-store/auth-record';
import type { QuotaReading, QuotaWindow } from '../../quota/quota-types';
import { statusFromPercent, toNumber, windowLabel } from '../../quota/quota-window';
import { looseTime } from '../../quota/usage-json-fields';

/** Minutes per Kimi time unit (`TIME_UNIT_MINUTE`, `HOUR`, ...; none = minutes). */
const unitMinutes: Readonly<Record<string, number>> = { SECOND: 1 / 60, SECONDS: 1 / 60, MINUTE: 1, MINUTES: 1, HOUR: 60, HOURS: 60, DAY: 1440, DAYS: 1440, WEEK: 10_080, WEEKS: 10_080 };

/**
 * Kimi Code's `GET /coding/v1/usages` (docs/providers.md#kimi-errors-and-quota), read as CLIProxyAPI's
 * official panel reads it: `usage` is the weekly allowance, each of `limits[]` a shorter window
 * (`window: {duration, timeUnit}`, its numbers in `detail` or in the entry), each with `limit` and `used`
 * (or `remaining`), numbers often as strings, and a reset time (`resetTime`, `reset_at`, ...) or a delay in
 * seconds (`resetIn`, `ttl`). Undocumented by Kimi, so tolerant: an entry without numbers is left out; only
 * a non-object is not a reading.
 */
export function decodeKimiUsage(body: unknown, now: number): QuotaReading | undefined {
  if (!isRecord(body)) return undefined;
  const windows: QuotaWindow[] = [];
  const limits = Array.isArray(body.limits) ? body.limits : [];
  limits.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const detail = isRecord(entry.detail) ? entry.detail : entry;
    const window = isRecord(entry.window) ? entry.window : {};
    const minutes = durationMinutes(window.duration ?? entry.duration ?? detail.duration, window.timeUnit ?? entry.timeUnit ?? detail.timeUnit);
    const label = nameOf(entry) ?? nameOf(detail) ?? windowLabel(minutes, `Limit ${index + 1}`);
    const read = readWindow(detail, `limit-${index}`, label, now);
    if (read) windows.push(read);
  });
  if (isRecord(body.usage)) {
    const read = readWindow(body.usage, 'weekly', nameOf(body.usage) ?? 'Weekly', now);
    if (read) windows.push(read);
  }
  return { source: 'usage-endpoint', windows };
}

function readWindow(fields: Record<string, unknown>, id: string, label: string, now: number): QuotaWindow | undefined {
  const limit = toNumber(fields.limit);
  const remaining = toNumber(fields.remaining);
  const used = toNumber(fields.used) ?? (limit !== null && remaining !== null ? limit - remaining : null);
  if (limit === null && used === null) return undefined;
  const usedPercent = limit !== null && limit > 0 && used !== null ? (used / limit) * 100 : null;
  return { id, label, usedPercent, resetsAt: resetOf(fields, now), status: statusFromPercent(usedPercent) };
}

function resetOf(fields: Record<string, unknown>, now: number): number | null {
  for (const key of ['reset_at', 'resetAt', 'reset_time', 'resetTime']) {
    const at = looseTime.parse(fields[key]);
    if (at !== null) return at;
  }
  for (const key of ['reset_in', 'resetIn', 'ttl']) {
    const seconds = toNumber(fields[key]);
    if (seconds !== null && seconds > 0) return now + seconds * 1000;
  }
  return null;
}

function durationMinutes(duration: unknown, unit: unknown): number | null {
  const amount = toNumber(duration);
  if (amount === null) return null;
  const name = typeof unit === 'string' ? unit.trim().toUpperCase().replace(/^TIME_UNIT_/, '') : '';
  const factor = name === '' ? 1 : unitMinutes[name];
  return factor === undefined ? null : amount * factor;
}

function nameOf(fields: Record<string, unknown>): string | undefined {
  for (const key of ['name', 'title', 'scope']) {
    const value = fields[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}
