import type { ForecastedAccountQuota, QuotaForecast } from '../../../src-shared/control/quota-forecast-types';

const rank: Readonly<Record<QuotaForecast['state'], number>> = { exhausted: 0, 'runs-out': 1, lasts: 2, unknown: 3 };

/** Most pressing first: a used-up window, then the earliest to run out, then lasting ones, then unknown ones. */
function byUrgency(left: QuotaForecast, right: QuotaForecast): number {
  return rank[left.state] - rank[right.state] || (left.runsOutAt ?? 0) - (right.runsOutAt ?? 0);
}

/**
 * The account card's forecast line, for the most constrained window: "At this rate the 5-hour limit is
 * reached at 14:32, before its reset at 16:00." / "At this rate every window lasts past its reset." /
 * the provider's plain "reports no quota" / why there is no forecast yet. Null when there is nothing to say.
 */
export function describeQuotaForecast(quota: ForecastedAccountQuota, formatTime: (ms: number) => string): { tone: 'ok' | 'warning' | 'error' | 'quiet'; text: string } | null {
  if (quota.unknown !== null) return { tone: 'quiet', text: quota.unknown };
  const sorted = [...quota.forecasts].sort(byUrgency);
  const first = sorted[0];
  if (!first) return null;
  const label = quota.windows.find((window) => window.id === first.windowId)?.label ?? first.windowId;
  const reset = first.resetsAt === null ? '' : `, before its reset at ${formatTime(first.resetsAt)}`;
  switch (first.state) {
    case 'exhausted':
      return { tone: 'error', text: `The ${label} limit is used up${first.resetsAt === null ? '' : ` until ${formatTime(first.resetsAt)}`}.` };
    case 'runs-out':
      return { tone: 'warning', text: `At this rate the ${label} limit is reached ${first.runsOutAt === null ? 'soon' : `at ${formatTime(first.runsOutAt)}`}${reset}.` };
    case 'lasts':
      return { tone: 'ok', text: sorted.every((forecast) => forecast.state === 'lasts') ? 'At this rate every window lasts past its reset.' : `At this rate the ${label} window lasts past its reset.` };
    case 'unknown':
      return { tone: 'quiet', text: `No forecast yet: ${first.reason ?? 'nothing is known about this account yet.'}` };
    default: {
      const unknownState: never = first.state;
      throw new Error(`unknown forecast state ${String(unknownState)}`);
    }
  }
}
