/** Turns measured runs into the ratio verdicts and the printed table. */
import type { CpuSplit } from './cpu-split';
import type { LoadResult } from './run-load';

export type TargetId = 'floor' | 'engine';

export interface TargetRun {
  scenario: string;
  target: TargetId;
  load: LoadResult;
  cpuMs: number;
  cpuMsPerRequest: number;
  /** The same CPU by thread and kernel, with GC pauses (cpu-split.ts). */
  cpuSplit: CpuSplit;
  peakRssMb: number;
  /** The fake upstream's CPU per request during the same run (context: it is not part of the ratio). */
  upstreamCpuMsPerRequest: number;
}

/** What a scenario's engine/floor CPU ratio is judged against (scenarios.ts holds these as data). */
export interface RatioTarget {
  /** Scenario id. */
  id: string;
  /** e.g. 'pass-through', 'translated stream': the summary groups by it. */
  category: string;
  cpuRatioTarget: number;
}

export interface ScenarioRatio {
  scenario: string;
  category: string;
  cpuRatioTarget: number;
  floorCpuMsPerRequest: number;
  engineCpuMsPerRequest: number;
  /** engine / floor CPU ms per request. */
  cpuRatio: number;
  /** engine / floor requests per second. */
  requestsPerSecondRatio: number;
  meetsTarget: boolean;
}

/** One ratio per scenario with both an engine and a floor run and a target. */
export function computeRatios(runs: TargetRun[], targets: readonly RatioTarget[]): ScenarioRatio[] {
  const ratios: ScenarioRatio[] = [];
  for (const engine of runs.filter((run) => run.target === 'engine')) {
    const floor = runs.find((run) => run.target === 'floor' && run.scenario === engine.scenario);
    const target = targets.find((candidate) => candidate.id === engine.scenario);
    if (floor === undefined || target === undefined) continue;
    const cpuRatio = engine.cpuMsPerRequest / floor.cpuMsPerRequest;
    ratios.push({
      scenario: engine.scenario,
      category: target.category,
      cpuRatioTarget: target.cpuRatioTarget,
      floorCpuMsPerRequest: floor.cpuMsPerRequest,
      engineCpuMsPerRequest: engine.cpuMsPerRequest,
      cpuRatio,
      requestsPerSecondRatio: engine.load.requestsPerSecond / floor.load.requestsPerSecond,
      meetsTarget:
        Number.isFinite(cpuRatio) &&
        cpuRatio <= target.cpuRatioTarget &&
        engine.load.non2xx + engine.load.errors + engine.load.timeouts === 0 &&
        floor.load.non2xx + floor.load.errors + floor.load.timeouts === 0,
    });
  }
  return ratios;
}

const HEADER = ['scenario', 'target', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'peak RSS MB', 'non-2xx/err'];

export function formatTable(runs: TargetRun[], ratios: ScenarioRatio[], engineLabel: string): string {
  const rows: string[][] = [];
  for (const scenario of [...new Set(runs.map((run) => run.scenario))]) {
    for (const run of runs.filter((candidate) => candidate.scenario === scenario)) {
      rows.push([
        scenario,
        run.target === 'engine' ? engineLabel : 'floor',
        run.load.requestsPerSecond.toFixed(0),
        run.load.p50Ms.toFixed(2),
        run.load.p99Ms.toFixed(2),
        run.cpuMsPerRequest.toFixed(3),
        run.peakRssMb.toFixed(1),
        `${run.load.non2xx}/${run.load.errors}`,
      ]);
    }
    const ratio = ratios.find((candidate) => candidate.scenario === scenario);
    if (ratio !== undefined) {
      const verdict = ratio.meetsTarget ? 'PASS' : 'FAIL';
      rows.push([
        '',
        `${engineLabel}/floor`,
        `x${ratio.requestsPerSecondRatio.toFixed(2)}`,
        '',
        '',
        `x${ratio.cpuRatio.toFixed(2)}`,
        '',
        `${verdict} (CPU <= x${ratio.cpuRatioTarget})`,
      ]);
    }
  }
  return renderColumns([HEADER, ...rows]);
}

const SPLIT_HEADER = ['scenario', 'target', 'user', 'system', 'main thread', 'other threads', 'GC pauses', 'scavenges/1k req', 'full GCs/1k req'];

/**
 * Where each target's CPU per request went (ms): user and kernel time, the main thread apart from V8's helper
 * threads, the main thread's GC pauses, and how often it collected; an engine/floor row per scenario.
 */
export function formatCpuSplit(runs: TargetRun[], engineLabel: string): string {
  const ms = (value: number | null): string => (value === null ? '-' : value.toFixed(3));
  const ratio = (engine: number | null, floor: number | null): string => (engine === null || floor === null || floor <= 0 ? '-' : `x${(engine / floor).toFixed(2)}`);
  const rows: string[][] = [];
  for (const scenario of [...new Set(runs.map((run) => run.scenario))]) {
    const inScenario = runs.filter((candidate) => candidate.scenario === scenario);
    for (const run of inScenario) {
      const split = run.cpuSplit;
      rows.push([scenario, run.target === 'engine' ? engineLabel : 'floor', ms(split.userMs), ms(split.systemMs), ms(split.mainThreadMs), ms(split.otherThreadsMs), ms(split.gcPauseMs), split.minorGcsPer1k.toFixed(1), split.majorGcsPer1k.toFixed(2)]);
    }
    const engine = inScenario.find((run) => run.target === 'engine')?.cpuSplit;
    const floor = inScenario.find((run) => run.target === 'floor')?.cpuSplit;
    if (engine !== undefined && floor !== undefined) {
      rows.push([
        '',
        `${engineLabel}/floor`,
        ratio(engine.userMs, floor.userMs),
        ratio(engine.systemMs, floor.systemMs),
        ratio(engine.mainThreadMs, floor.mainThreadMs),
        ratio(engine.otherThreadsMs, floor.otherThreadsMs),
        ratio(engine.gcPauseMs, floor.gcPauseMs),
        ratio(engine.minorGcsPer1k, floor.minorGcsPer1k),
        '',
      ]);
    }
  }
  return ['Where the CPU went (ms per request; main thread + other threads = user + system):', renderColumns([SPLIT_HEADER, ...rows])].join('\n');
}

/**
 * The targets per kind of scenario (issue 16's table): one row per category, in `categoryOrder` (others
 * after), with the scenario furthest over (or least under) its target, its floor and engine CPU per
 * request and how many of the category's scenarios meet theirs; then the overall verdict.
 */
export function formatSummary(ratios: ScenarioRatio[], categoryOrder: readonly string[] = []): string {
  if (ratios.length === 0) return 'No engine/floor pairs were measured.';
  const rank = (category: string) => (categoryOrder.includes(category) ? categoryOrder.indexOf(category) : categoryOrder.length);
  const categories = [...new Set(ratios.map((ratio) => ratio.category))].sort((left, right) => rank(left) - rank(right));
  const rows = categories.map((category) => {
    const inCategory = ratios.filter((ratio) => ratio.category === category);
    const passed = inCategory.filter((ratio) => ratio.meetsTarget).length;
    const worst = inCategory.reduce((left, right) => (right.cpuRatio / right.cpuRatioTarget > left.cpuRatio / left.cpuRatioTarget ? right : left));
    return [
      category,
      worst.scenario,
      worst.floorCpuMsPerRequest.toFixed(3),
      worst.engineCpuMsPerRequest.toFixed(3),
      `x${worst.cpuRatio.toFixed(2)}`,
      `<= x${worst.cpuRatioTarget}`,
      `${passed === inCategory.length ? 'PASS' : 'FAIL'} (${passed}/${inCategory.length})`,
    ];
  });
  const header = ['path', 'worst scenario', 'floor CPU ms/req', 'engine CPU ms/req', 'ratio', 'target', 'verdict (scenarios meeting it)'];
  const passed = ratios.filter((ratio) => ratio.meetsTarget).length;
  return [
    'CPU targets (engine CPU ms/req <= target x floor CPU ms/req, same run):',
    renderColumns([header, ...rows]),
    `Overall: ${passed === ratios.length ? 'PASS' : 'FAIL'}, ${passed}/${ratios.length} scenarios meet their target.`,
  ].join('\n');
}

/** Rows (the first is the header) as aligned columns: the first `leftAligned` (two) left-aligned, the rest right-aligned. */
export function renderColumns(rows: string[][], leftAligned = 2): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const render = (row: string[]): string =>
    row.map((cell, column) => (column < leftAligned ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ');
  const separator = widths.map((width) => '-'.repeat(width)).join('-|-');
  const [header, ...body] = rows;
  return [render(header ?? []), separator, ...body.map(render)].join('\n');
}
