import { BoundedMemo } from '../../src-shared/bounded-memo';
import type { RoutingStrategy } from '../config/engine-config';
import type { SessionIds } from './extract-session-ids';
import type { RouteCandidate } from './resolve-candidates';
import { pickByHeadroom, type HeadroomSource } from './quota-headroom';
import { SessionBindings } from './session-bindings';
import { createSmoothWeightedState, pickSmoothWeighted, type SmoothWeightedState } from './smooth-weighted-pick';

export type { RoutingStrategy } from '../config/engine-config';

/** `routing.session-affinity` for one pick: the client's session and how long a binding lasts. */
export interface SessionAffinity {
  session: SessionIds;
  ttlMs: number;
  now: number;
}

export interface PickOptions {
  /**
   * The providers the request can reach (e.g. 'claude,openai-compatible-x'): weighted state and
   * session bindings are kept per providers + model, so two routes never share them.
   */
  scope?: string;
  /** Set when session affinity is on and the request names a session. */
  affinity?: SessionAffinity;
}

/** Weighted states are dropped all at once beyond this many (providers, model) pairs, as CPA does. */
const MAX_WEIGHTED_STATES = 4096;

/**
 * Picks one credential among the available candidates: only the highest priority tier is eligible;
 * round-robin advances a cursor per model on every pick, fill-first always takes the first in config
 * order so one account is used up before the next, weighted-round-robin spreads picks in proportion to
 * each credential's `weight` (smooth-weighted-pick.ts; weight 0 is never picked), quota-aware takes the
 * account with the most headroom in its tightest window that is not forecast to run out (quota-headroom.ts),
 * round-robin among accounts nothing is known about.
 *
 * With session affinity, a session keeps the credential it was bound to while that credential is
 * available, even over a higher-priority one that recovered since (moving a conversation loses the
 * upstream's prompt cache); when it is not available the strategy picks again and the session is bound
 * to the new one.
 */
export class CredentialSelector {
  private readonly cursors = new Map<string, number>();
  private readonly weightedStates = new BoundedMemo<string, SmoothWeightedState>(MAX_WEIGHTED_STATES, () => createSmoothWeightedState());
  private readonly bindings = new SessionBindings();

  /** `headroomOf`: each credential's quota state, for `quota-aware` (absent: nothing is known, round-robin). */
  constructor(private readonly headroomOf: HeadroomSource = () => undefined) {}

  pick(strategy: RoutingStrategy, model: string, available: readonly RouteCandidate[], options: PickOptions = {}): RouteCandidate | undefined {
    const eligible = strategy === 'weighted-round-robin' ? available.filter((candidate) => weightOf(candidate) > 0) : available;
    const routeKey = `${options.scope ?? ''}:${model.toLowerCase()}`;
    const { affinity } = options;
    if (!affinity) return this.pickByStrategy(strategy, routeKey, highestPriorityTier(eligible));
    const keys = [affinity.session.primary, ...(affinity.session.fallback ? [affinity.session.fallback] : [])].map((id) => `${options.scope ?? ''}::${id}::${model.toLowerCase()}`);
    for (const key of keys) {
      const boundId = this.bindings.get(key, affinity.now);
      const bound = eligible.find((candidate) => candidate.credential.id === boundId);
      if (bound) {
        this.bindings.bind(keys, bound.credential.id, affinity.now, affinity.ttlMs);
        return bound;
      }
    }
    const picked = this.pickByStrategy(strategy, routeKey, highestPriorityTier(eligible));
    if (picked) this.bindings.bind(keys, picked.credential.id, affinity.now, affinity.ttlMs);
    return picked;
  }

  private pickByStrategy(strategy: RoutingStrategy, routeKey: string, tier: readonly RouteCandidate[]): RouteCandidate | undefined {
    if (tier.length === 0) return undefined;
    switch (strategy) {
      case 'fill-first':
        return tier[0];
      case 'round-robin':
        return this.roundRobin(routeKey, tier);
      case 'quota-aware':
        return pickByHeadroom(tier, this.headroomOf, (unknown) => this.roundRobin(routeKey, unknown));
      case 'weighted-round-robin': {
        const id = pickSmoothWeighted(this.weightedStates.get(routeKey), tier.map((candidate) => ({ id: candidate.credential.id, weight: weightOf(candidate) })));
        return tier.find((candidate) => candidate.credential.id === id);
      }
      default: {
        const unknown: never = strategy;
        throw new Error(`unknown routing strategy ${String(unknown)}`);
      }
    }
  }

  private roundRobin(routeKey: string, tier: readonly RouteCandidate[]): RouteCandidate | undefined {
    const cursor = this.cursors.get(routeKey) ?? 0;
    this.cursors.set(routeKey, cursor + 1);
    return tier[cursor % tier.length];
  }
}

function weightOf(candidate: RouteCandidate): number {
  return candidate.credential.weight ?? 1;
}

function highestPriorityTier(available: readonly RouteCandidate[]): readonly RouteCandidate[] {
  if (isOneTierInOrder(available)) return available;
  let best = Number.NEGATIVE_INFINITY;
  for (const candidate of available) best = Math.max(best, candidate.credential.priority);
  return available
    .filter((candidate) => candidate.credential.priority === best)
    .sort((left, right) => left.credential.order - right.credential.order);
}

/** One priority, already in config order (the usual case): the tier is the list itself, no copy needed. */
function isOneTierInOrder(candidates: readonly RouteCandidate[]): boolean {
  for (let index = 1; index < candidates.length; index += 1) {
    const previous = (candidates[index - 1] as RouteCandidate).credential;
    const current = (candidates[index] as RouteCandidate).credential;
    if (current.priority !== previous.priority || current.order < previous.order) return false;
  }
  return true;
}
