import type { RequestSummary } from '../../../src-shared/control/usage-types';

export interface ThroughputBucket {
  /** Bucket start, epoch ms. */
  start: number;
  ok: number;
  failed: number;
}

/**
 * The finished requests counted into `count` buckets of `bucketMs` ending with the one holding `now`,
 * oldest first; a status of 400 or more counts as failed. Requests outside the window are left out.
 */
export function throughputBuckets(requests: readonly RequestSummary[], now: number, bucketMs: number, count: number): ThroughputBucket[] {
  const lastStart = Math.floor(now / bucketMs) * bucketMs;
  const firstStart = lastStart - (count - 1) * bucketMs;
  const buckets: ThroughputBucket[] = Array.from({ length: count }, (_, index) => ({ start: firstStart + index * bucketMs, ok: 0, failed: 0 }));
  for (const request of requests) {
    const bucket = buckets[Math.floor((request.at - firstStart) / bucketMs)];
    if (bucket === undefined || request.at < firstStart) continue;
    if (request.status >= 400) bucket.failed += 1;
    else bucket.ok += 1;
  }
  return buckets;
}

/** The `p`-th percentile (0-100) by nearest rank; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}
