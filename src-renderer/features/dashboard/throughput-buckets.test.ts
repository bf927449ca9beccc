import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../../src-shared/control/usage-types';
import { percentile, throughputBuckets } from './throughput-buckets';

const at = (time: number, status = 200) => ({ id: `r${time}-${status}`, at: time, status }) as RequestSummary;

describe('throughput buckets', () => {
  it('counts successes and failures per bucket, oldest first, ending with the bucket that holds now', () => {
    const buckets = throughputBuckets([at(1050), at(1099, 502), at(1000), at(950), at(800), at(1200)], 1099, 50, 3);
    expect(buckets).toEqual([
      { start: 950, ok: 1, failed: 0 },
      { start: 1000, ok: 1, failed: 0 },
      { start: 1050, ok: 1, failed: 1 },
    ]);
  });

  it('latency percentiles by nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([30, 10, 20, 40], 50)).toBe(20);
    expect(percentile([30, 10, 20, 40], 95)).toBe(40);
    expect(percentile([7], 95)).toBe(7);
  });
});
