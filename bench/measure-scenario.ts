/**
 * Measures one scenario on every target: CPU is the delta of each child's process.cpuUsage() taken
 * just before and just after each load run, so startup and transpiling are not counted. Runs are
 * split into rounds in A-B-B-A order, so a slow drift of the machine (other work, thermal) hits
 * floor and engine alike instead of whichever ran second.
 */
import type { ChildHandle } from './child-handle';
import { EMPTY_WINDOW, addWindows, splitPerRequest, windowBetween, type CpuWindow } from './cpu-split';
import type { TargetId, TargetRun } from './report';
import { runLoad, summarizeLoads, type RawLoad } from './run-load';
import type { BenchScenario } from './scenarios';

/** A proxy under test for one scenario and the fake upstream it forwards to (whose CPU is recorded as context). */
export interface MeasuredTarget {
  proxy: ChildHandle;
  upstream: ChildHandle;
}

/** The targets of one scenario: the floor (to the client's wire fake) and the engine (to the scenario's upstream fake). */
export type ScenarioTargets = Record<TargetId, MeasuredTarget>;

interface Accumulated {
  loads: RawLoad[];
  cpu: CpuWindow;
  upstreamCpuMicros: number;
  peakRssBytes: number;
}

export async function measureScenario(
  targets: ScenarioTargets,
  targetIds: TargetId[],
  scenario: BenchScenario,
  durationSeconds: number,
  rounds: number,
): Promise<TargetRun[]> {
  const totals = new Map<TargetId, Accumulated>(
    targetIds.map((id) => [id, { loads: [], cpu: EMPTY_WINDOW, upstreamCpuMicros: 0, peakRssBytes: 0 }]),
  );
  for (let round = 0; round < rounds; round += 1) {
    for (const id of roundOrder(round, targetIds)) {
      const accumulated = totals.get(id);
      if (accumulated !== undefined) await measureOnce(targets[id], scenario, durationSeconds / rounds, accumulated);
    }
  }
  return targetIds.flatMap((id) => {
    const accumulated = totals.get(id);
    return accumulated === undefined ? [] : [toTargetRun(scenario, id, accumulated)];
  });
}

/** Round r measures the targets in this order: A-B, then B-A, so a drift hits both alike. */
export function roundOrder<T>(round: number, targets: readonly T[]): T[] {
  return round % 2 === 0 ? [...targets] : [...targets].reverse();
}

async function measureOnce(target: MeasuredTarget, scenario: BenchScenario, seconds: number, accumulated: Accumulated): Promise<void> {
  const [before, upstreamBefore] = await Promise.all([target.proxy.snapshot(), target.upstream.snapshot()]);
  const load = await runLoad(target.proxy.url, scenario, seconds);
  const [after, upstreamAfter] = await Promise.all([target.proxy.snapshot(), target.upstream.snapshot()]);
  accumulated.loads.push(load);
  accumulated.cpu = addWindows(accumulated.cpu, windowBetween(before, after));
  accumulated.upstreamCpuMicros +=
    upstreamAfter.cpuUserMicros + upstreamAfter.cpuSystemMicros - upstreamBefore.cpuUserMicros - upstreamBefore.cpuSystemMicros;
  accumulated.peakRssBytes = Math.max(accumulated.peakRssBytes, after.peakRssBytes);
}

function toTargetRun(scenario: BenchScenario, target: TargetId, accumulated: Accumulated): TargetRun {
  const load = summarizeLoads(accumulated.loads);
  const requests = Math.max(1, load.requests);
  const cpuMs = (accumulated.cpu.userMicros + accumulated.cpu.systemMicros) / 1000;
  return {
    scenario: scenario.id,
    target,
    load,
    cpuMs,
    cpuMsPerRequest: cpuMs / requests,
    cpuSplit: splitPerRequest(accumulated.cpu, requests),
    peakRssMb: accumulated.peakRssBytes / (1024 * 1024),
    upstreamCpuMsPerRequest: accumulated.upstreamCpuMicros / 1000 / requests,
  };
}
