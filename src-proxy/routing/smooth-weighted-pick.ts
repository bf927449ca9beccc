/** One candidate of a weighted pick: a stable id and its positive weight. */
export interface WeightedItem {
  id: string;
  weight: number;
}

/** The running "current weight" of each item, and the weight vector it was built for. */
export interface SmoothWeightedState {
  weights: Map<string, number>;
  current: Map<string, number>;
}

export function createSmoothWeightedState(): SmoothWeightedState {
  return { weights: new Map(), current: new Map() };
}

/**
 * Smooth weighted round-robin as nginx does it (ngx_http_upstream_get_peer): every item's current
 * weight grows by its weight, the largest wins (first in order on a tie) and loses the total. Over
 * total-weight picks each item is chosen exactly weight times, interleaved rather than in bursts.
 * The running state starts over whenever the set of items or any weight changes, as in CLIProxyAPI.
 * Items with a weight of 0 or less are never picked. Mutates `state`; returns the picked id.
 */
export function pickSmoothWeighted(state: SmoothWeightedState, items: readonly WeightedItem[]): string | undefined {
  const eligible = items.filter((item) => item.weight > 0);
  if (eligible.length === 0) return undefined;
  if (!sameWeights(state.weights, eligible)) {
    state.weights = new Map(eligible.map((item) => [item.id, item.weight]));
    state.current = new Map();
  }
  let total = 0;
  let best: WeightedItem | undefined;
  let bestCurrent = Number.NEGATIVE_INFINITY;
  for (const item of eligible) {
    const current = (state.current.get(item.id) ?? 0) + item.weight;
    state.current.set(item.id, current);
    total += item.weight;
    if (current > bestCurrent) {
      best = item;
      bestCurrent = current;
    }
  }
  if (!best) return undefined;
  state.current.set(best.id, bestCurrent - total);
  return best.id;
}

function sameWeights(known: ReadonlyMap<string, number>, items: readonly WeightedItem[]): boolean {
  return known.size === items.length && items.every((item) => known.get(item.id) === item.weight);
}
