import type { QuotaForecast } from '../../src-shared/control/quota-forecast-types';
import type { QuotaWindow } from './quota-types';

const hourMs = 3_600_000;

/** Tokens the account used through the proxy (usage history), around one reading of a window. */
export interface WindowTokens {
  /** From the window's start to the reading: what the reading's percentage stands for. */
  beforeReading: number;
  /** From the reading to now: not in the percentage yet. */
  sinceReading: number;
  /** In the last `recentMs`: the burn rate. */
  recent: number;
}

export interface ForecastInput {
  window: QuotaWindow;
  /** The window's length (quota-window-length.ts); null when the provider did not say. */
  lengthMs: number | null;
  /** Null when there is no usage history (usage statistics off). */
  tokens: WindowTokens | null;
  recentMs: number;
  now: number;
}

/**
 * Where a window is heading at the recent rate. The provider gives a percentage, the usage history gives
 * tokens: the reading's percentage over the tokens used in the window before it is the share one token
 * costs; the tokens since the reading bring the percentage up to now, and the last `recentMs` of tokens
 * give the rate. Use outside the proxy (the same account in its own CLI) makes a token look dearer, so the
 * forecast errs early. Pure: the clock and the token counts are inputs.
 */
export function forecastQuotaWindow(input: ForecastInput): QuotaForecast {
  const { window, tokens, now } = input;
  const base = { windowId: window.id, resetsAt: window.resetsAt, runsOutAt: null, usedPercentNow: null, percentPerHour: null, reason: null };
  const used = window.usedPercent;
  if (window.status === 'rejected' || (used !== null && used >= 100)) return { ...base, state: 'exhausted', usedPercentNow: Math.max(used ?? 100, 100) };
  const unknown = (reason: string): QuotaForecast => ({ ...base, state: 'unknown', reason });
  if (used === null) return unknown('The provider gives no percentage for this window.');
  if (window.resetsAt === null) return unknown('The provider gives no reset time for this window.');
  if (window.resetsAt <= now) return unknown('The window has reset since the last reading; refresh the quota.');
  if (tokens === null) return unknown('There is no usage history to measure a burn rate (usage statistics are off).');
  if (tokens.recent === 0 && tokens.sinceReading === 0) return { ...base, state: 'lasts', usedPercentNow: used, percentPerHour: 0 };
  if (input.lengthMs === null) return unknown('The provider does not say how long this window is, so its use cannot be matched to the usage history.');
  if (tokens.beforeReading <= 0 || used <= 0) return unknown('Too little use through the proxy in this window yet to tell what a request costs.');
  const percentPerToken = percentPerTokenOf(used, tokens.beforeReading);
  const usedNow = Math.min(100, used + tokens.sinceReading * percentPerToken);
  const percentPerMs = (tokens.recent * percentPerToken) / input.recentMs;
  const estimate = { ...base, usedPercentNow: round(usedNow), percentPerHour: round(percentPerMs * hourMs) };
  if (usedNow >= 100) return { ...estimate, state: 'runs-out', runsOutAt: now };
  if (percentPerMs === 0) return { ...estimate, state: 'lasts' };
  const runsOutAt = Math.round(now + (100 - usedNow) / percentPerMs);
  return runsOutAt < window.resetsAt ? { ...estimate, state: 'runs-out', runsOutAt } : { ...estimate, state: 'lasts' };
}

/** What one token costs of the window: the reading's percentage over the tokens the proxy saw before it. */
export function percentPerTokenOf(usedPercent: number, tokensBeforeReading: number): number {
  return usedPercent / tokensBeforeReading;
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
