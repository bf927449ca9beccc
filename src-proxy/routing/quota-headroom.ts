import type { RouteCandidate } from './resolve-candidates';

/**
 * What the quota-aware strategy knows about a credential (quota/quota-headroom.ts builds it from the latest
 * reading and its forecast): the share left in its tightest window, and whether a window is forecast to run
 * out before its reset (or is already used up).
 */
export interface QuotaHeadroom {
  /** 0-100: the smallest share left over the account's windows. */
  remainingPercent: number;
  runsOut: boolean;
}

/** The quota state of a credential by id; undefined when nothing is known (no reading, no percentage). */
export type HeadroomSource = (credentialId: string) => QuotaHeadroom | undefined;

/**
 * The `quota-aware` pick (docs/routing.md#strategies) among one priority tier, in config order: accounts not
 * forecast to run out, most headroom first; then accounts nothing is known about, in turn (`rotate`); then
 * accounts forecast to run out, most headroom first (still better than no answer: a refusal cools them down).
 * With nothing known about any candidate it is plain round-robin. Ties keep config order.
 */
export function pickByHeadroom(tier: readonly RouteCandidate[], headroomOf: HeadroomSource, rotate: (unknown: readonly RouteCandidate[]) => RouteCandidate | undefined): RouteCandidate | undefined {
  const safe: Array<{ candidate: RouteCandidate; remaining: number }> = [];
  const runningOut: Array<{ candidate: RouteCandidate; remaining: number }> = [];
  const unknown: RouteCandidate[] = [];
  for (const candidate of tier) {
    const headroom = headroomOf(candidate.credential.id);
    if (!headroom) unknown.push(candidate);
    else (headroom.runsOut ? runningOut : safe).push({ candidate, remaining: headroom.remainingPercent });
  }
  if (safe.length > 0) return mostHeadroom(safe);
  if (unknown.length > 0) return rotate(unknown);
  return mostHeadroom(runningOut);
}

function mostHeadroom(entries: ReadonlyArray<{ candidate: RouteCandidate; remaining: number }>): RouteCandidate | undefined {
  let best = entries[0];
  for (const entry of entries) if (best && entry.remaining > best.remaining) best = entry;
  return best?.candidate;
}
