import type { RequestSummary, UsageTotals } from '../../../src-shared/control/usage-types';

export interface TodayTotals {
  requests: number;
  tokens: number;
  errors: number;
}

export function todayFromUsage(totals: UsageTotals): TodayTotals {
  return { requests: totals.requests, tokens: totals.totalTokens, errors: totals.failures };
}

/** The fallback while usage history does not answer: counted from the requests kept in memory. */
export function todayFromRequests(requests: readonly RequestSummary[], since: number): TodayTotals {
  const today = requests.filter((request) => request.at >= since);
  return {
    requests: today.length,
    tokens: today.reduce((sum, request) => sum + request.inputTokens + request.outputTokens, 0),
    errors: today.filter((request) => request.status >= 400).length,
  };
}
