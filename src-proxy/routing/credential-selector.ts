import type { RouteCandidate } from './resolve-candidates';

export type RoutingStrategy = 'round-robin' | 'fill-first';

/**
 * Picks one credential among the available candidates (spec 3.4): only the highest priority tier is
 * eligible; round-robin advances a cursor per model on every pick, fill-first always takes the first in
 * config order so one account is used up before the next.
 */
export class CredentialSelector {
  private readonly cursors = new Map<string, number>();

  pick(strategy: RoutingStrategy, model: string, available: readonly RouteCandidate[]): RouteCandidate | undefined {
    const tier = highestPriorityTier(available);
    if (tier.length === 0) return undefined;
    if (strategy === 'fill-first') return tier[0];
    const key = model.toLowerCase();
    const cursor = this.cursors.get(key) ?? 0;
    this.cursors.set(key, cursor + 1);
    return tier[cursor % tier.length];
  }
}

function highestPriorityTier(available: readonly RouteCandidate[]): RouteCandidate[] {
  let best = Number.NEGATIVE_INFINITY;
  for (const candidate of available) best = Math.max(best, candidate.credential.priority);
  return available
    .filter((candidate) => candidate.credential.priority === best)
    .sort((left, right) => left.credential.order - right.credential.order);
}
