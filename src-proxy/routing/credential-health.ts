import type { FailureVerdict } from './classify-failure';

/**
 * In-memory cooldown state per credential (and per model where the failure was model-specific). Success
 * clears it; a failure blocks the credential until `blockedUntil`. Time is passed in, never read here.
 * A team server shares it: `onChange` hears this engine's own changes, `applyShared` takes another
 * engine's without echoing them back.
 */
export interface BlockState {
  blockedUntil: number;
  reason: FailureVerdict['reason'];
  quota: boolean;
  quotaLevel: number;
}

/** One block set (state) or cleared (state null); model null = the whole credential. */
export interface CooldownChange {
  credentialId: string;
  model: string | null;
  state: BlockState | null;
}

/** Read-only: the answer for an unblocked credential is one shared object. */
export interface Availability {
  readonly available: boolean;
  readonly blockedUntil: number;
  readonly quota: boolean;
}

export interface Cooldown {
  /** Lower-cased model, or null when the whole credential is blocked. */
  model: string | null;
  blockedUntil: number;
  reason: FailureVerdict['reason'];
  quota: boolean;
}

export class CredentialHealth {
  private readonly states = new Map<string, BlockState>();
  /** Keys of blocks another engine set: a success here does not lift them (see recordSuccess). */
  private readonly sharedKeys = new Set<string>();
  private readonly listeners = new Set<(change: CooldownChange) => void>();

  /** Hears every block this engine sets or clears (not `retain`'s forgetting, nor `applyShared`). */
  onChange(listener: (change: CooldownChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another engine's change (a team server): applied as is, not announced again. */
  applyShared(change: CooldownChange): void {
    const key = change.model === null ? change.credentialId : modelKey(change.credentialId, change.model);
    if (change.state) {
      this.states.set(key, { ...change.state });
      this.sharedKeys.add(key);
    } else {
      this.states.delete(key);
      this.sharedKeys.delete(key);
    }
  }

  check(credentialId: string, model: string, now: number): Availability {
    // Nothing cooling down (the usual case): no key to build, one shared answer.
    if (this.states.size === 0) return unblocked;
    const credentialState = this.states.get(credentialId);
    const modelState = this.states.get(modelKey(credentialId, model));
    let blockedUntil = 0;
    let quota = false;
    if (credentialState && credentialState.blockedUntil > now) ({ blockedUntil, quota } = credentialState);
    if (modelState && modelState.blockedUntil > now && modelState.blockedUntil > blockedUntil) ({ blockedUntil, quota } = modelState);
    return blockedUntil === 0 ? unblocked : { available: false, blockedUntil, quota };
  }

  quotaLevel(credentialId: string, model: string): number {
    return this.states.get(modelKey(credentialId, model))?.quotaLevel ?? 0;
  }

  /**
   * A success lifts this engine's own blocks. Not one another engine set: a request sent before that block
   * arrived may well succeed, and must not lift the block for the whole team; it ends when it runs out, by a
   * reset, or by the success of the engine that set it.
   */
  recordSuccess(credentialId: string, model: string): void {
    if (this.states.size === 0) return;
    for (const [key, changedModel] of [[modelKey(credentialId, model), model.toLowerCase()], [credentialId, null]] as const) {
      if (this.sharedKeys.has(key) || !this.states.delete(key)) continue;
      this.announce({ credentialId, model: changedModel, state: null });
    }
  }

  recordFailure(credentialId: string, model: string, verdict: FailureVerdict, now: number, disableCooling: boolean): void {
    if (!verdict.rotate || disableCooling || verdict.cooldownMs <= 0) return;
    const key = verdict.scope === 'credential' ? credentialId : modelKey(credentialId, model);
    const previousLevel = this.states.get(key)?.quotaLevel ?? 0;
    const state = { blockedUntil: now + verdict.cooldownMs, reason: verdict.reason, quota: verdict.quota, quotaLevel: verdict.quota ? previousLevel + 1 : previousLevel };
    this.states.set(key, state);
    this.sharedKeys.delete(key);
    this.announce({ credentialId, model: verdict.scope === 'credential' ? null : model.toLowerCase(), state: { ...state } });
  }

  /** Blocks of one credential still running at `now`: model null = the whole credential (management listing). */
  cooldowns(credentialId: string, now: number): Cooldown[] {
    const found: Cooldown[] = [];
    for (const [key, state] of this.states) {
      const [id, model] = key.split('\u0000');
      if (id !== credentialId || state.blockedUntil <= now) continue;
      found.push({ model: model ?? null, blockedUntil: state.blockedUntil, reason: state.reason, quota: state.quota });
    }
    return found;
  }

  /** Clears every block and quota level of one credential (management `reset-quota`); returns the models that were blocked. */
  reset(credentialId: string): string[] {
    const models: string[] = [];
    for (const key of this.states.keys()) {
      const [id, model] = key.split('\u0000');
      if (id !== credentialId) continue;
      if (model !== undefined) models.push(model);
      this.states.delete(key);
      this.sharedKeys.delete(key);
      this.announce({ credentialId, model: model ?? null, state: null });
    }
    return models;
  }

  /** Forget credentials that no longer exist (after a config change). */
  retain(credentialIds: ReadonlySet<string>): void {
    for (const key of this.states.keys()) {
      const id = key.split('\u0000')[0] ?? key;
      if (credentialIds.has(id)) continue;
      this.states.delete(key);
      this.sharedKeys.delete(key);
    }
  }

  private announce(change: CooldownChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

const unblocked: Availability = Object.freeze({ available: true, blockedUntil: 0, quota: false });

function modelKey(credentialId: string, model: string): string {
  return `${credentialId}\u0000${model.toLowerCase()}`;
}
