import { describe, expect, it } from 'vitest';
import { requestSummary } from '../../ui/request-summary.fixture';
import { todayFromRequests, todayFromUsage } from './today-totals';

const request = (at: number, status: number, inputTokens: number, outputTokens: number) =>
  requestSummary({ id: `r${at}`, at, status, inputTokens, outputTokens, error: status >= 400 ? 'upstream failed' : null });

describe('today totals', () => {
  it('counts requests since the start of the day, their tokens and failures', () => {
    const requests = [request(300, 200, 10, 5), request(200, 502, 0, 0), request(50, 200, 100, 100)];
    expect(todayFromRequests(requests, 100)).toEqual({ requests: 2, tokens: 15, errors: 1 });
  });

  it('reads usage history totals', () => {
    expect(
      todayFromUsage({ requests: 9, failures: 2, inputTokens: 1, outputTokens: 2, cachedTokens: 0, reasoningTokens: 0, totalTokens: 3, avgLatencyMs: null }),
    ).toEqual({ requests: 9, tokens: 3, errors: 2 });
  });
});
