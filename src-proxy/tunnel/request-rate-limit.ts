/**
 * A sliding one-minute window of request times for the public key. One key, one window: the public URL
 * is one person's editor, so the limit protects the accounts behind it from a leaked key, not fairness.
 */
export class RequestRateLimit {
  private readonly times: number[] = [];

  constructor(
    private readonly perMinute: () => number,
    private readonly now: () => number,
  ) {}

  /** Counts the request when allowed; otherwise returns the seconds until one slot frees. */
  take(): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const limit = this.perMinute();
    if (limit <= 0) return { allowed: true };
    const now = this.now();
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - 60_000) this.times.shift();
    if (this.times.length >= limit) {
      const oldest = this.times[0] ?? now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000)) };
    }
    this.times.push(now);
    return { allowed: true };
  }
}
