/** CPA's per-credential window (docs/management-api.md#credential-state): 20 buckets of 10 minutes, aligned to the epoch. */
const bucketMs = 10 * 60_000;
const bucketCount = 20;

export interface RecentRequestBucket {
  /** 'HH:MM-HH:MM' in local time, as CPA labels it. */
  time: string;
  success: number;
  failed: number;
}

export interface CredentialUsage {
  success: number;
  failed: number;
  /** Oldest first, the current bucket last. */
  recent_requests: RecentRequestBucket[];
}

interface Slot {
  bucket: number;
  success: number;
  failed: number;
}

interface Tally {
  success: number;
  failed: number;
  /** Ring indexed by bucket number modulo bucketCount; a slot from an older bucket counts as empty. */
  slots: Slot[];
}

/**
 * In-memory lifetime success/failed counts per credential plus the last 200 minutes in ten-minute
 * buckets (docs/management-api.md#credential-state). Nothing is persisted: CPA keeps these in memory too. Time is passed in.
 */
export class CredentialCounters {
  private readonly tallies = new Map<string, Tally>();

  record(credentialId: string, ok: boolean, at: number): void {
    let tally = this.tallies.get(credentialId);
    if (!tally) {
      tally = { success: 0, failed: 0, slots: [] };
      this.tallies.set(credentialId, tally);
    }
    const bucket = Math.floor(at / bucketMs);
    const index = bucket % bucketCount;
    let slot = tally.slots[index];
    if (!slot || slot.bucket !== bucket) {
      slot = { bucket, success: 0, failed: 0 };
      tally.slots[index] = slot;
    }
    if (ok) {
      tally.success += 1;
      slot.success += 1;
    } else {
      tally.failed += 1;
      slot.failed += 1;
    }
  }

  /** Counts of one credential as of `now`; an unknown id gets zeros and 20 empty buckets. */
  snapshot(credentialId: string, now: number): CredentialUsage {
    const tally = this.tallies.get(credentialId);
    const current = Math.floor(now / bucketMs);
    const recent: RecentRequestBucket[] = [];
    for (let bucket = current - bucketCount + 1; bucket <= current; bucket += 1) {
      const slot = tally?.slots[bucket % bucketCount];
      const live = slot !== undefined && slot.bucket === bucket;
      recent.push({ time: bucketLabel(bucket), success: live ? slot.success : 0, failed: live ? slot.failed : 0 });
    }
    return { success: tally?.success ?? 0, failed: tally?.failed ?? 0, recent_requests: recent };
  }

  /** Several credentials as one (a file served as several project credentials, or keys grouped for api-key-usage). */
  combined(credentialIds: readonly string[], now: number): CredentialUsage {
    const total: CredentialUsage = { success: 0, failed: 0, recent_requests: this.snapshot('', now).recent_requests };
    for (const id of credentialIds) {
      const usage = this.snapshot(id, now);
      total.success += usage.success;
      total.failed += usage.failed;
      usage.recent_requests.forEach((bucket, index) => {
        const target = total.recent_requests[index];
        if (!target) return;
        target.success += bucket.success;
        target.failed += bucket.failed;
      });
    }
    return total;
  }

  /** Forget credentials that no longer exist. */
  retain(credentialIds: ReadonlySet<string>): void {
    for (const id of this.tallies.keys()) if (!credentialIds.has(id)) this.tallies.delete(id);
  }
}

function bucketLabel(bucket: number): string {
  return `${clock(bucket * bucketMs)}-${clock((bucket + 1) * bucketMs)}`;
}

function clock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
