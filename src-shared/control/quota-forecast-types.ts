import type { AccountQuota } from './account-types';

/**
 * Where a quota window is heading at the recent burn rate (src-proxy/quota/forecast-quota-window.ts):
 * 'runs-out' before its reset, 'lasts' past the reset, already 'exhausted', or 'unknown' (with the reason).
 */
export type QuotaForecastState = 'runs-out' | 'lasts' | 'exhausted' | 'unknown';

export interface QuotaForecast {
  /** The window it is about (QuotaWindow.id). */
  windowId: string;
  state: QuotaForecastState;
  /** Epoch ms the limit is reached at the recent rate ('runs-out' only); null otherwise. */
  runsOutAt: number | null;
  /** Epoch ms of the window's reset, as the provider said; null when unknown. */
  resetsAt: number | null;
  /** The reading plus what went through the proxy since, 0-100; null when it cannot be estimated. */
  usedPercentNow: number | null;
  /** Recent burn in percent of the window per hour; null when unknown. */
  percentPerHour: number | null;
  /** Why the state is 'unknown', for people; null otherwise. */
  reason: string | null;
  /**
   * The window's estimated use from its start to now (the burn chart), oldest first; only where the rate is
   * known ('runs-out', 'lasts'), in `quota.get` and the quota routes. Absent otherwise.
   */
  burn?: BurnPoint[];
}

/** One point of a window's use over time: epoch ms and 0-100. */
export interface BurnPoint {
  at: number;
  usedPercent: number;
}

/** An account's quota as `quota.get` answers it: its windows and a forecast per window. */
export interface ForecastedAccountQuota extends AccountQuota {
  forecasts: QuotaForecast[];
  /** Said plainly when the provider reports no quota at all (Qwen, iFlow); null otherwise. */
  unknown: string | null;
}
