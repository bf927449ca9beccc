import type { UsageBucket } from '../../../src-shared/control/usage-types';

/** An axis tick: '14:00' for hours, 'Nov 26' for days. */
export function bucketTick(t: number, bucket: UsageBucket): string {
  const date = new Date(t);
  return bucket === 'hour'
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** A tooltip title: 'Nov 26, 14:00' for hours, 'Thu, Nov 26' for days. */
export function bucketTitle(t: number, bucket: UsageBucket): string {
  const date = new Date(t);
  return bucket === 'hour'
    ? date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' });
}
