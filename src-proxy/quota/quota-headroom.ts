import type { QuotaHeadroom } from '../routing/quota-headroom';
import type { QuotaForecast, QuotaWindow } from './quota-types';

/**
 * The quota-aware strategy's view of an account: the smallest share left over its windows (a refused window
 * leaves 0) and whether a window is forecast to run out before its reset or is used up. Undefined when no
 * window gives a percentage or a status that says anything (nothing known: the strategy round-robins).
 */
export function quotaHeadroom(windows: readonly QuotaWindow[], forecasts: readonly QuotaForecast[]): QuotaHeadroom | undefined {
  let remaining: number | undefined;
  for (const window of windows) {
    const left = window.status === 'rejected' ? 0 : window.usedPercent === null ? undefined : Math.max(0, 100 - window.usedPercent);
    if (left !== undefined) remaining = remaining === undefined ? left : Math.min(remaining, left);
  }
  if (remaining === undefined) return undefined;
  const runsOut = remaining === 0 || forecasts.some((forecast) => forecast.state === 'runs-out' || forecast.state === 'exhausted');
  return { remainingPercent: remaining, runsOut };
}
