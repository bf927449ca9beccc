import type { QuotaStatus } from './quota-types';

/** At or above this share used, a window is shown as a warning when the provider gives no status. */
const warningPercent = 80;

/** The status a percentage implies when the provider names none: 100 % and more is refused. */
export function statusFromPercent(usedPercent: number | null): QuotaStatus {
  if (usedPercent === null) return 'ok';
  if (usedPercent >= 100) return 'rejected';
  return usedPercent >= warningPercent ? 'warning' : 'ok';
}

/** 300 -> '5-hour', 10080 -> 'Weekly', 1440 -> 'Daily'; null -> the fallback. */
export function windowLabel(minutes: number | null, fallback: string): string {
  if (minutes === null || minutes <= 0) return fallback;
  if (minutes === 10_080) return 'Weekly';
  if (minutes === 1440) return 'Daily';
  if (minutes % 1440 === 0) return `${minutes / 1440}-day`;
  if (minutes % 60 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}

/** A number from a header or JSON value ('42.5', 42.5); null for anything else. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

/** 'True' / 'false' / true; null when absent or something else (Codex sends title-cased booleans). */
export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

/** Response headers as undici and Node hand them over (lower-cased names). */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A header's first value, or undefined. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A 0..1 fraction as a percentage with at most two decimals (0.21 -> 21, not 21.000000000000004). */
export function fractionToPercent(fraction: number): number {
  return Math.round(fraction * 10_000) / 100;
}
