import type { RequestSummary } from '../../src-shared/control/usage-types';

/** `incoming` (newest first) in front of `known`, each request once, newest first, at most `limit`. */
export function mergeRecentRequests(known: readonly RequestSummary[], incoming: readonly RequestSummary[], limit: number): RequestSummary[] {
  const seen = new Set<string>();
  const merged: RequestSummary[] = [];
  for (const request of [...incoming, ...known]) {
    if (seen.has(request.id)) continue;
    seen.add(request.id);
    merged.push(request);
  }
  merged.sort((a, b) => b.at - a.at);
  return merged.slice(0, limit);
}
