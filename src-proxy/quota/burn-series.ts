import type { BurnPoint } from '../../src-shared/control/quota-forecast-types';
import { round } from './forecast-quota-window';

/** A burn chart has this many steps from the window's start to now (one usage-history sum each). */
export const burnSteps = 12;

/** The times a burn chart samples: the window's start, `steps` even steps, now last. */
export function burnSampleTimes(windowStart: number, now: number, steps: number = burnSteps): number[] {
  if (now <= windowStart) return [];
  return Array.from({ length: steps + 1 }, (_, index) => Math.round(windowStart + ((now - windowStart) * index) / steps));
}

/**
 * The window's use over time: the tokens the proxy sent from the window's start to each sample, at what one
 * token costs (forecast-quota-window.ts), capped at 100. Pure.
 */
export function burnSeries(samples: ReadonlyArray<{ at: number; tokens: number }>, percentPerToken: number): BurnPoint[] {
  return samples.map(({ at, tokens }) => ({ at, usedPercent: round(Math.min(100, tokens * percentPerToken)) }));
}
