import { parseAuthTime } from '../auth-store/parse-auth-time';

/** Anthropic's unified subscription windows (docs/providers.md#claude-errors-and-quota). */
const unifiedWindows = ['5h', '7d', '7d_oi'] as const;
const prefix = 'anthropic-ratelimit-unified';

export type ClaudeRateLimit =
  /** A subscription window is exhausted: the whole account waits until `waitMs` (null = reset unknown). */
  | { kind: 'credential-quota'; waitMs: number | null }
  /** Fast mode without usage credits: this request's problem, not the account's. */
  | { kind: 'request-scoped' };

/**
 * Reads a Claude 429 (docs/providers.md#claude-errors-and-quota): a `rejected` 5h/7d/7d_oi window or unified status makes it
 * credential-scoped until the latest of Retry-After and the rejected windows' resets (unix seconds or
 * RFC3339); a fast-mode rejection is request-scoped. Anything else: undefined (the generic 429 rule).
 */
export function readClaudeRateLimit(headers: Readonly<Record<string, string>>, body: string, now: number): ClaudeRateLimit | undefined {
  const text = body.toLowerCase();
  if ((text.includes('fast') && text.includes('usage credits')) || text.includes('fast request rejected')) return { kind: 'request-scoped' };
  const rejected = unifiedWindows.filter((window) => headers[`${prefix}-${window}-status`] === 'rejected');
  if (rejected.length === 0 && headers[`${prefix}-status`] !== 'rejected') return undefined;
  const resets = [...rejected.map((window) => headers[`${prefix}-${window}-reset`]), headers[`${prefix}-reset`]].map((value) => parseAuthTime(value));
  const retryAfter = headers['retry-after'];
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) resets.push(now + Number(retryAfter.trim()) * 1000);
  const known = resets.filter((reset): reset is number => reset !== null);
  return { kind: 'credential-quota', waitMs: known.length > 0 ? Math.max(1000, Math.max(...known) - now) : null };
}
