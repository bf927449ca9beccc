/** docs/management-api.md#authentication: 5 consecutive failed keys from one address ban it for 30 minutes. */
const MAX_FAILURES = 5;
const BAN_MS = 30 * 60_000;
/** Entries idle this long are forgotten (CPA sweeps those idle > 2 h every hour). */
const IDLE_MS = 2 * 60 * 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

interface AddressState {
  failures: number;
  bannedUntil: number;
  lastSeen: number;
}

/**
 * Failed management logins per client address, local ones included (CPA HEAD). A ban resets the
 * counter; a success resets it too. Time comes from `now` so tests can move it.
 */
export class ManagementLockout {
  private readonly states = new Map<string, AddressState>();
  private lastSweep: number;

  constructor(private readonly now: () => number) {
    this.lastSweep = now();
  }

  /** Milliseconds of ban left for `address`; 0 when it may try. */
  bannedFor(address: string): number {
    const state = this.states.get(address);
    if (!state || state.bannedUntil === 0) return 0;
    const left = state.bannedUntil - this.now();
    if (left > 0) return left;
    this.states.delete(address);
    return 0;
  }

  recordFailure(address: string): void {
    const now = this.now();
    this.sweep(now);
    const state = this.states.get(address) ?? { failures: 0, bannedUntil: 0, lastSeen: now };
    state.failures += 1;
    state.lastSeen = now;
    if (state.failures >= MAX_FAILURES) {
      state.failures = 0;
      state.bannedUntil = now + BAN_MS;
    }
    this.states.set(address, state);
  }

  recordSuccess(address: string): void {
    this.states.delete(address);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [address, state] of this.states) {
      if (state.bannedUntil <= now && now - state.lastSeen > IDLE_MS) this.states.delete(address);
    }
  }
}

/** Go's time.Duration text for whole seconds, as CPA prints the ban's remaining time: 30m0s, 59s, 1h0m0s. */
export function formatGoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
