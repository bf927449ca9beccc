import type { RequestSummary } from '../../../src-shared/control/usage-types';
import type { RequestFinished } from '../../runtime/request-finished';
import type { UsageStore } from '../../usage/usage-store';

/** The newest finished requests in memory (the live strip and log page); older ones live in usage history. */
export class RecentRequests {
  private readonly ring: (RequestSummary | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity = 1000) {
    this.ring = new Array<RequestSummary | undefined>(capacity);
  }

  add(summary: RequestSummary): void {
    this.ring[this.next] = summary;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Newest first. */
  newest(limit: number): RequestSummary[] {
    const count = Math.min(limit, this.size);
    const result: RequestSummary[] = [];
    for (let index = 1; index <= count; index += 1) {
      const summary = this.ring[(this.next - index + this.capacity) % this.capacity];
      if (summary) result.push(summary);
    }
    return result;
  }
}

export function toRequestSummary(event: RequestFinished): RequestSummary {
  return {
    id: event.id,
    at: event.startedAt,
    route: event.route,
    clientProtocol: event.clientProtocol,
    clientKey: event.clientKey,
    provider: event.provider,
    account: event.accountLabel,
    model: event.model,
    upstreamModel: event.upstreamModel,
    stream: event.stream,
    status: event.status,
    latencyMs: Math.round(event.latencyMs),
    ttfbMs: event.ttfbMs === null ? null : Math.round(event.ttfbMs),
    attempts: event.attempts,
    inputTokens: event.tokens?.input ?? 0,
    outputTokens: event.tokens?.output ?? 0,
    cachedTokens: event.tokens?.cached ?? 0,
    reasoningTokens: event.tokens?.reasoning ?? 0,
    error: event.error,
  };
}

/**
 * The newest requests: this run's from memory, topped up from usage history, so the log page is not
 * empty after a restart. Imported history rows (no request id) are not shown here.
 */
export function recentRequests(memory: RecentRequests, usage: Pick<UsageStore, 'recent'> | undefined, limit: number): RequestSummary[] {
  const newest = memory.newest(limit);
  if (newest.length >= limit || !usage) return newest;
  const seen = new Set(newest.map((summary) => summary.id));
  for (const row of usage.recent(limit)) {
    if (newest.length >= limit) break;
    if (row.id === '' || seen.has(row.id)) continue;
    const { credential: _credential, totalTokens: _total, failed: _failed, ...summary } = row;
    newest.push(summary);
  }
  return newest;
}
