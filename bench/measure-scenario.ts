/**
 * Measures one scenario on every target: CPU is the delta of each child's process.cpuUsage() taken
 * just before and just after each load run, so startup and transpiling are not counted. Runs are
 * split into rounds in A-B-B-A order, so a slow drift of the machine (other work, thermal) hits
 * floor and engine alike instead of whichever ran second.
 */
import type { ChildHandle } from './child-handle';
import type { TargetId, TargetRun } from './report';
import { runLoad, summarizeLoads, type RawLoad } from './run-load';
import type { BenchScenario } from './scenarios';

/** The processes serving one upstream fake: the fake itself and both proxies in front of it. */
export interface TargetGroup {
  upstream: ChildHandle;
  targets: Record<TargetId, ChildHandle>;
}

interface Accumulated {
  loads: RawLoad[];
  cpuMicros: number;
  upstreamCpuMicros: number;
  peakRssBytes: number;
}

export async function measureScenario(
  group: TargetGroup,
  targetIds: TargetId[],
  scenario: BenchScenario,
  durationSeconds: number,
  rounds: number,
): Promise<TargetRun[]> {
  const totals = new Map<TargetId, Accumulated>(
    targetIds.map((id) => [id, { loads: [], cpuMicros: 0, upstreamCpuMicros: 0, peakRssBytes: 0 }]),
  );
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? targetIds : [...targetIds].reverse();
    for (const id of order) {
      const accumulated = totals.get(id);
      if (accumulated !== undefined) await measureOnce(group, id, scenario, durationSeconds / rounds, accumulated);
    }
  }
  return targetIds.flatMap((id) => {
    const accumulated = totals.get(id);
    return accumulated === undefined ? [] : [toTargetRun(scenario, id, accumulated)];
  });
}

async function measureOnce(
  group: TargetGroup,
  id: TargetId,
  scenario: BenchScenario,
  seconds: number,
  accumulated: Accumulated,
): Promise<void> {
  const target = group.targets[id];
  const [before, upstreamBefore] = await Promise.all([target.snapshot(), group.upstream.snapshot()]);
  const load = await runLoad(target.url, scenario, seconds);
  const [after, upstreamAfter] = await Promise.all([target.snapshot(), group.upstream.snapshot()]);
  accumulated.loads.push(load);
  accumulated.cpuMicros += after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros;
  accumulated.upstreamCpuMicros +=
    upstreamAfter.cpuUserMicros + upstreamAfter.cpuSystemMicros - upstreamBefore.cpuUserMicros - upstreamBefore.cpuSystemMicros;
  accumulated.peakRssBytes = Math.max(accumulated.peakRssBytes, after.peakRssBytes);
}

function toTargetRun(scenario: BenchScenario, target: TargetId, accumulated: Accumulated): TargetRun {
  const load = summarizeLoads(accumulated.loads);
  const requests = Math.max(1, load.requests);
  const cpuMs = accumulated.cpuMicros / 1000;
  return {
    scenario: scenario.id,
    target,
    load,
    cpuMs,
    cpuMsPerRequest: cpuMs / requests,
    peakRssMb: accumulated.peakRssBytes / (1024 * 1024),
    upstreamCpuMsPerRequest: accumulated.upstreamCpuMicros / 1000 / requests,
  };
}
