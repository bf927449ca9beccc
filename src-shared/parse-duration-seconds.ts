/** Seconds per unit of a Go-style duration (`time.ParseDuration`: ns, us/µs, ms, s, m, h). */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

const DURATION_PATTERN = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const PART_PATTERN = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * A number of seconds written as a plain number (`30`, `"30"`) or as a duration with units (`30s`, `5m`,
 * `1h`, `1m30s`, `1.5h`, `-1s`), the form Go's `time.ParseDuration` reads and the guides users copy from
 * write. Returns null for anything else. Shared by the engine's schema and the renderer's config form.
 */
export function parseDurationSeconds(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text);
  const match = DURATION_PATTERN.exec(text);
  if (!match) return null;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART_PATTERN)) seconds += Number(amount) * (UNIT_SECONDS[unit ?? ''] ?? 0);
  return match[1] === '-' ? -seconds : seconds;
}
