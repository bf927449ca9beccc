/** A binding: which credential a session key uses, until when (epoch ms). */
interface Binding {
  credentialId: string;
  expiresAt: number;
}

/** Expired bindings are swept once the map holds this many, so idle sessions do not pile up. */
const SWEEP_THRESHOLD = 4096;

/**
 * Session key -> credential, for `routing.session-affinity`. A binding lives `ttl` after it was last
 * used (every lookup that reuses it extends it). Time is passed in, so tests need no clock.
 */
export class SessionBindings {
  private readonly bindings = new Map<string, Binding>();

  /** The bound credential id, or undefined when the key is unbound or its binding expired. */
  get(key: string, now: number): string | undefined {
    const binding = this.bindings.get(key);
    if (!binding) return undefined;
    if (binding.expiresAt <= now) {
      this.bindings.delete(key);
      return undefined;
    }
    return binding.credentialId;
  }

  /** Binds (or re-binds, extending the TTL) every given key to the credential. */
  bind(keys: readonly string[], credentialId: string, now: number, ttlMs: number): void {
    if (this.bindings.size >= SWEEP_THRESHOLD) this.sweep(now);
    for (const key of keys) this.bindings.set(key, { credentialId, expiresAt: now + ttlMs });
  }

  get size(): number {
    return this.bindings.size;
  }

  private sweep(now: number): void {
    for (const [key, binding] of this.bindings) if (binding.expiresAt <= now) this.bindings.delete(key);
  }
}
