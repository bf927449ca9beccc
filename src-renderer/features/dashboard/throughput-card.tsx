import { Activity } from 'lucide-react';
import type { RequestSummary } from '../../../src-shared/control/usage-types';
import { Card } from '../../ui/card';
import { formatClock } from '../../ui/format';
import { StackedBars } from '../../ui/stacked-bars';
import { useNow } from '../../ui/use-now';
import { throughputBuckets } from './throughput-buckets';

const BUCKET_MS = 5 * 60_000;
/** Two hours of 5-minute buckets. */
const BUCKETS = 24;

/**
 * Requests per 5 minutes over the last two hours, successes and failures, from the requests in memory
 * (the engine keeps the newest 1000; usage history has hourly buckets at the finest). Live: each
 * request.finished event lands in the current bar.
 */
export function ThroughputCard({ requests }: { requests: readonly RequestSummary[] | null }) {
  const now = useNow(30_000);
  const buckets = throughputBuckets(requests ?? [], Math.max(now, requests?.[0]?.at ?? 0), BUCKET_MS, BUCKETS);
  const ok = buckets.reduce((sum, bucket) => sum + bucket.ok, 0);
  const failed = buckets.reduce((sum, bucket) => sum + bucket.failed, 0);
  const bars = buckets.map((bucket) => ({
    ok: bucket.ok,
    failed: bucket.failed,
    title: `${formatClock(bucket.start)}–${formatClock(bucket.start + BUCKET_MS)}: ${bucket.ok} succeeded, ${bucket.failed} failed`,
  }));
  return (
    <Card title="Throughput" icon={Activity}>
      <StackedBars bars={bars} label={`Last 2 hours in 5-minute bars: ${ok} succeeded, ${failed} failed`} />
      <p className="chart-legend">
        <span className="legend-ok">{ok} succeeded</span>
        <span className="legend-failed">{failed} failed</span>
        <span>last 2 hours</span>
      </p>
    </Card>
  );
}
