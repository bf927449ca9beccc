/**
 * Instruction counts per request (bench/run-instructions.ts) turned into medians, spreads and the
 * printed table. One round = one counted window per target; the ratio is taken per round (floor and
 * engine measured back to back) and its median reported, so a round disturbed by a GC or a JIT tier-up
 * in one target moves one sample, not the verdict. Two counts per window: node's main thread (the
 * JavaScript that serves requests, the event loop, the main thread's share of GC) and every thread (V8's
 * background compilers and GC helpers too). Under callgrind the optimizing compiler keeps working for
 * thousands of requests (about half of every thread's count after 1,500 warm-up requests), so the main
 * thread is the steady figure and the headline; every thread's ratio is shown beside it.
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

/** Instructions per request of one target in one window. */
export interface WindowCount {
  mainThread: number;
  allThreads: number;
}

/** One counted window per target. */
export type InstructionRound = Record<TargetId, WindowCount>;

/** Floor, engine and per-round engine/floor ratio of one count. */
export interface CountSpreads {
  floor: Spread;
  engine: Spread;
  ratio: Spread;
}

export interface InstructionRow {
  scenario: string;
  category: string;
  cpuRatioTarget: number;
  mainThread: CountSpreads;
  allThreads: CountSpreads;
  rounds: InstructionRound[];
}

function spreadsOf(rounds: readonly InstructionRound[], count: keyof WindowCount): CountSpreads {
  return {
    floor: spreadOf(rounds.map((round) => round.floor[count])),
    engine: spreadOf(rounds.map((round) => round.engine[count])),
    ratio: spreadOf(rounds.map((round) => round.engine[count] / round.floor[count])),
  };
}

export function instructionRow(scenario: { id: string; category: string; cpuRatioTarget: number }, rounds: readonly InstructionRound[]): InstructionRow {
  return {
    scenario: scenario.id,
    category: scenario.category,
    cpuRatioTarget: scenario.cpuRatioTarget,
    mainThread: spreadsOf(rounds, 'mainThread'),
    allThreads: spreadsOf(rounds, 'allThreads'),
    rounds: [...rounds],
  };
}

const thousands = (instructions: number): string => `${Math.round(instructions / 1000).toLocaleString('en-US')} k`;
const percent = (fraction: number): string => `±${((fraction * 100) / 2).toFixed(1)}%`;

const ratio = (spread: Spread): string => `x${spread.median.toFixed(2)} (x${spread.min.toFixed(2)}..x${spread.max.toFixed(2)})`;

/**
 * Per scenario: floor and engine main-thread instructions per request (median, ± half the range as % of
 * it), the median per-round ratio with its range, the same ratio over every thread, and the scenario's CPU
 * target for reference (instructions are not CPU time, so this table gives no verdict; `npm run bench`
 * does, on a quiet machine).
 */
export function formatInstructionTable(rows: readonly InstructionRow[]): string {
  const header = ['scenario', 'rounds', 'floor main instr/req', 'engine main instr/req', 'main engine/floor (range)', 'all threads engine/floor (range)', 'CPU target'];
  return renderColumns([
    header,
    ...rows.map((row) => [
      row.scenario,
      String(row.rounds.length),
      `${thousands(row.mainThread.floor.median)} ${percent(row.mainThread.floor.spread)}`,
      `${thousands(row.mainThread.engine.median)} ${percent(row.mainThread.engine.spread)}`,
      ratio(row.mainThread.ratio),
      ratio(row.allThreads.ratio),
      `<= x${row.cpuRatioTarget}`,
    ]),
  ]);
}
