/** Turns measured runs into the ratio verdicts and the printed table. */
import type { LoadResult } from './run-load';

export type TargetId = 'floor' | 'engine';

export interface TargetRun {
  scenario: string;
  target: TargetId;
  load: LoadResult;
  cpuMs: number;
  cpuMsPerRequest: number;
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

/** Rows (the first is the header) as aligned columns: the first two left-aligned, the rest right-aligned. */
export function renderColumns(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const render = (row: string[]): string =>
    row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ');
  const separator = widths.map((width) => '-'.repeat(width)).join('-|-');
  const [header, ...body] = rows;
  return [render(header ?? []), separator, ...body.map(render)].join('\n');
}
