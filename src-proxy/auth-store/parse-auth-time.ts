/**
 * Reads a time value the way CLIProxyAPI does for auth files (docs/providers.md#auth-files): RFC3339, `YYYY-MM-DD HH:MM[:SS]`
 * (read as UTC, as Go's time.Parse reads a layout without a zone), or unix seconds or milliseconds as a
 * number or numeric string (above 1e12 is milliseconds). Returns epoch milliseconds or null.
 */
export function parseAuthTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? fromUnix(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return fromUnix(Number(text));
  const plain = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (plain) {
    const [, year, month, day, hour, minute, second] = plain;
    return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0));
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return null;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

function fromUnix(value: number): number {
  return value > 1e12 ? Math.round(value) : Math.round(value * 1000);
}

/** Keys CPA looks at for the expiry, in its order; also nested under `token` or `Token`. */
const expiryKeys = ['expired', 'expire', 'expires_at', 'expiresAt', 'expiry', 'expires'] as const;
const lastRefreshKeys = ['last_refresh', 'lastRefresh', 'last_refreshed_at', 'lastRefreshedAt'] as const;

export function readExpiry(data: Readonly<Record<string, unknown>>): number | null {
  return firstTime(data, expiryKeys) ?? firstTime(nested(data, 'token'), expiryKeys) ?? firstTime(nested(data, 'Token'), expiryKeys);
}

export function readLastRefresh(data: Readonly<Record<string, unknown>>): number | null {
  return firstTime(data, lastRefreshKeys);
}

/** The RFC3339 form CPA writes (`expired`, `last_refresh`): second precision, UTC. */
export function formatAuthTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function firstTime(data: Readonly<Record<string, unknown>>, keys: readonly string[]): number | null {
  for (const key of keys) {
    const time = parseAuthTime(data[key]);
    if (time !== null) return time;
  }
  return null;
}

function nested(data: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const value = data[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
