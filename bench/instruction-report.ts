/**
 * Instruction counts per request (bench/run-instructions.ts) turned into medians, spreads and the
 * printed table. One round = one counted window per target; the ratio is taken per round (floor and
 * engine measured back to back) and its median reported, so a round disturbed by a GC or a JIT tier-up
 * in one target moves one sample, not the verdict.
 */
import { renderColumns, type TargetId } from './report';

/** The median and range of a set of samples; `spread` = (max - min) / median. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  spread: number;
}

export function spreadOf(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  return { median, min, max, spread: median === 0 ? 0 : (max - min) / median };
}

/** One counted window: instructions per request of one target in one round. */
export type InstructionRound = Record<TargetId, number>;

export interface InstructionRow {
  scenario: string;
  category: string;
  cpuRatioTarget: number;
  floor: Spread;
  engine: Spread;
  /** engine / floor of each round. */
  ratio: Spread;
  rounds: InstructionRound[];
}

export function instructionRow(scenario: { id: string; category: string; cpuRatioTarget: number }, rounds: readonly InstructionRound[]): InstructionRow {
  return {
    scenario: scenario.id,
    category: scenario.category,
    cpuRatioTarget: scenario.cpuRatioTarget,
    floor: spreadOf(rounds.map((round) => round.floor)),
    engine: spreadOf(rounds.map((round) => round.engine)),
    ratio: spreadOf(rounds.map((round) => round.engine / round.floor)),
    rounds: [...rounds],
  };
}

const thousands = (instructions: number): string => `${Math.round(instructions / 1000).toLocaleString('en-US')} k`;
const percent = (fraction: number): string => `±${((fraction * 100) / 2).toFixed(1)}%`;

/**
 * Per scenario: floor and engine instructions per request (median, ± half the range as % of it), the
 * median per-round ratio with its range, and the scenario's CPU target for reference (instructions are
 * not CPU time, so this table gives no verdict; `npm run bench` does, on a quiet machine).
 */
export function formatInstructionTable(rows: readonly InstructionRow[]): string {
  const header = ['scenario', 'rounds', 'floor instr/req', 'engine instr/req', 'engine/floor', 'range', 'CPU target'];
  return renderColumns([
    header,
    ...rows.map((row) => [
      row.scenario,
      String(row.rounds.length),
      `${thousands(row.floor.median)} ${percent(row.floor.spread)}`,
      `${thousands(row.engine.median)} ${percent(row.engine.spread)}`,
      `x${row.ratio.median.toFixed(2)}`,
      `x${row.ratio.min.toFixed(2)}..x${row.ratio.max.toFixed(2)}`,
      `<= x${row.cpuRatioTarget}`,
    ]),
  ]);
}
