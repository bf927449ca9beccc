/** The usage on/off comparison's verdicts and table (usage-cost.ts measures, this judges). */
import { computeRatios, renderColumns, type ScenarioRatio, type TargetRun } from './report';

/** Recording usage may cost the engine at most this much more CPU per request (issue 5). */
export const USAGE_COST_TARGET = 1.05;

/**
 * Runs of one engine with usage-statistics-enabled false (as target 'floor') and one with true (as
 * 'engine'), judged like engine/floor pairs against x1.05: the ratio is on/off CPU ms per request.
 */
export function usageCosts(runs: TargetRun[]): ScenarioRatio[] {
  const scenarios = [...new Set(runs.map((run) => run.scenario))];
  return computeRatios(runs, scenarios.map((id) => ({ id, category: 'usage recording', cpuRatioTarget: USAGE_COST_TARGET })));
}

export function formatUsageCosts(runs: readonly TargetRun[], costs: readonly ScenarioRatio[]): string {
  const cpu = (scenario: string, target: TargetRun['target']): string =>
    runs.find((run) => run.scenario === scenario && run.target === target)?.cpuMsPerRequest.toFixed(3) ?? '-';
  const rows = costs.map((cost) => [
    cost.scenario,
    cpu(cost.scenario, 'floor'),
    cpu(cost.scenario, 'engine'),
    `x${cost.cpuRatio.toFixed(3)}`,
    `${cost.meetsTarget ? 'PASS' : 'FAIL'} (<= x${cost.cpuRatioTarget})`,
  ]);
  return renderColumns([['scenario', 'usage off CPU ms/req', 'usage on CPU ms/req', 'on/off', 'verdict'], ...rows]);
}
