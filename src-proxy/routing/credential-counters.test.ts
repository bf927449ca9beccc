import { describe, expect, it } from 'vitest';
import { CredentialCounters } from './credential-counters';

const tenMinutes = 600_000;
/** A bucket boundary: 2026-11-26 12:00:00 UTC. */
const start = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('CredentialCounters', () => {
  it('counts lifetime success and failed and fills the current ten-minute bucket', () => {
    const counters = new CredentialCounters();
    counters.record('a', true, start + 1000);
    counters.record('a', true, start + 2000);
    counters.record('a', false, start + 3000);
    const usage = counters.snapshot('a', start + 5000);
    expect(usage.success).toBe(2);
    expect(usage.failed).toBe(1);
    expect(usage.recent_requests).toHaveLength(20);
    expect(usage.recent_requests.at(-1)).toMatchObject({ success: 2, failed: 1 });
    expect(usage.recent_requests.slice(0, 19).every((bucket) => bucket.success === 0 && bucket.failed === 0)).toBe(true);
  });

  it('labels buckets HH:MM-HH:MM in local time, oldest first', () => {
    const usage = new CredentialCounters().snapshot('none', start + 1000);
    const label = (epoch: number) => {
      const date = new Date(epoch);
      return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
    };
    expect(usage.recent_requests.at(-1)?.time).toBe(`${label(start)}-${label(start + tenMinutes)}`);
    expect(usage.recent_requests[0]?.time).toBe(`${label(start - 19 * tenMinutes)}-${label(start - 18 * tenMinutes)}`);
  });

  it('moves counts back as time passes and drops them after 20 buckets, keeping lifetime totals', () => {
    const counters = new CredentialCounters();
    counters.record('a', true, start);
    expect(counters.snapshot('a', start + 3 * tenMinutes).recent_requests[16]).toMatchObject({ success: 1 });
    // The ring slot is reused 200 minutes later: the old count must not leak into the new bucket.
    counters.record('a', false, start + 20 * tenMinutes);
    const later = counters.snapshot('a', start + 20 * tenMinutes);
    expect(later.recent_requests.at(-1)).toMatchObject({ success: 0, failed: 1 });
    expect(later.recent_requests.reduce((sum, bucket) => sum + bucket.success, 0)).toBe(0);
    expect(later).toMatchObject({ success: 1, failed: 1 });
  });

  it('combines several credentials bucket by bucket and forgets retained-out ones', () => {
    const counters = new CredentialCounters();
    counters.record('a', true, start);
    counters.record('b', false, start);
    counters.record('b', true, start - tenMinutes);
    const both = counters.combined(['a', 'b'], start);
    expect(both).toMatchObject({ success: 2, failed: 1 });
    expect(both.recent_requests.at(-1)).toMatchObject({ success: 1, failed: 1 });
    expect(both.recent_requests.at(-2)).toMatchObject({ success: 1, failed: 0 });
    counters.retain(new Set(['a']));
    expect(counters.snapshot('b', start)).toMatchObject({ success: 0, failed: 0 });
  });
});
