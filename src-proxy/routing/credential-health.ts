import type { FailureVerdict } from './classify-failure';

/**
 * In-memory cooldown state per credential (and per model where the failure was model-specific). Success
 * clears it; a failure blocks the credential until `blockedUntil`. Time is passed in, never read here.
 */
interface BlockState {
  blockedUntil: number;
  reason: FailureVerdict['reason'];
  quota: boolean;
  quotaLevel: number;
}

export interface Availability {
  available: boolean;
  blockedUntil: number;
  quota: boolean;
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

  check(credentialId: string, model: string, now: number): Availability {
    const credentialState = this.states.get(credentialId);
    const modelState = this.states.get(modelKey(credentialId, model));
    let blockedUntil = 0;
    let quota = false;
    for (const state of [credentialState, modelState]) {
      if (state && state.blockedUntil > now && state.blockedUntil > blockedUntil) {
        blockedUntil = state.blockedUntil;
        quota = state.quota;
      }
    }
    return { available: blockedUntil === 0, blockedUntil, quota };
  }

  quotaLevel(credentialId: string, model: string): number {
    return this.states.get(modelKey(credentialId, model))?.quotaLevel ?? 0;
  }

  recordSuccess(credentialId: string, model: string): void {
    this.states.delete(modelKey(credentialId, model));
    this.states.delete(credentialId);
  }

  recordFailure(credentialId: string, model: string, verdict: FailureVerdict, now: number, disableCooling: boolean): void {
    if (!verdict.rotate || disableCooling || verdict.cooldownMs <= 0) return;
    const key = verdict.scope === 'credential' ? credentialId : modelKey(credentialId, model);
    const previousLevel = this.states.get(key)?.quotaLevel ?? 0;
    this.states.set(key, {
      blockedUntil: now + verdict.cooldownMs,
      reason: verdict.reason,
      quota: verdict.quota,
      quotaLevel: verdict.quota ? previousLevel + 1 : previousLevel,
    });
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
    }
    return models;
  }

  /** Forget credentials that no longer exist (after a config change). */
  retain(credentialIds: ReadonlySet<string>): void {
    for (const key of this.states.keys()) {
      const id = key.split('\u0000')[0] ?? key;
      if (!credentialIds.has(id)) this.states.delete(key);
    }
  }
}

function modelKey(credentialId: string, model: string): string {
  return `${credentialId}\u0000${model.toLowerCase()}`;
}
