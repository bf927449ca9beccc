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

export interface ScenarioRatio {
  scenario: string;
  /** engine / floor CPU ms per request. */
  cpuRatio: number;
  /** engine / floor requests per second. */
  requestsPerSecondRatio: number;
  meetsTarget: boolean;
}

export function computeRatios(runs: TargetRun[], cpuRatioTarget: number): ScenarioRatio[] {
  const ratios: ScenarioRatio[] = [];
  for (const engine of runs.filter((run) => run.target === 'engine')) {
    const floor = runs.find((run) => run.target === 'floor' && run.scenario === engine.scenario);
    if (floor === undefined) continue;
    const cpuRatio = engine.cpuMsPerRequest / floor.cpuMsPerRequest;
    ratios.push({
      scenario: engine.scenario,
      cpuRatio,
      requestsPerSecondRatio: engine.load.requestsPerSecond / floor.load.requestsPerSecond,
      meetsTarget: Number.isFinite(cpuRatio) && cpuRatio <= cpuRatioTarget && engine.load.non2xx + engine.load.errors === 0,
    });
  }
  return ratios;
}

const HEADER = ['scenario', 'target', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'peak RSS MB', 'non-2xx/err'];

export function formatTable(runs: TargetRun[], ratios: ScenarioRatio[], cpuRatioTarget: number, engineLabel: string): string {
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
        `${run.load.non2xx}/${run.load.errors + run.load.timeouts}`,
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
        `${verdict} (CPU <= x${cpuRatioTarget})`,
      ]);
    }
  }
  return renderColumns([HEADER, ...rows]);
}

export function formatSummary(ratios: ScenarioRatio[], cpuRatioTarget: number): string {
  if (ratios.length === 0) return 'No engine/floor pairs were measured.';
  const passed = ratios.filter((ratio) => ratio.meetsTarget).length;
  const worst = Math.max(...ratios.map((ratio) => ratio.cpuRatio));
  const verdict = passed === ratios.length ? 'MEETS' : 'MISSES';
  return (
    `Pass-through CPU target (engine CPU ms/req <= ${cpuRatioTarget} x floor): ${verdict} ` +
    `the target in ${passed}/${ratios.length} scenarios; worst ratio x${worst.toFixed(2)}.`
  );
}

function renderColumns(rows: string[][]): string {
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const render = (row: string[]): string =>
    row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ');
  const separator = widths.map((width) => '-'.repeat(width)).join('-|-');
  const [header, ...body] = rows;
  return [render(header ?? HEADER), separator, ...body.map(render)].join('\n');
}
