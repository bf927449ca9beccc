/**
 * The main thread's busy time per request by area (our folders, each package, node's core, GC, the kernel
 * writes), engine beside floor: where the engine's extra cost per request sits. Profiles sample wall time
 * on the main thread, so a thread waiting for a CPU on a busy machine inflates every area alike.
 */
import { renderColumns } from './report';

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** One target's profiles (one per process, e.g. both floors) and the requests they served in all. */
export interface ProfiledTarget {
  profiles: CpuProfile[];
  requests: number;
}

/** `src-proxy/server`, a package name, `node core`, `(garbage collector)`, `kernel writes (writev)`, ... */
export function areaOf(frame: { functionName: string; url: string }): string {
  const where = frame.url.replace(/^file:\/\//, '');
  if (where === '') {
    if (frame.functionName === 'writev') return 'kernel writes (writev)';
    return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  }
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (inModules?.[1] !== undefined) return inModules[1];
  if (where.startsWith('node:')) return 'node core';
  const inRepo = /(?:^|\/)((?:src-[a-z]+|bench|dist-bench)\/[^/]+)/.exec(where);
  return inRepo?.[1] ?? where;
}

/** Busy (not idle) milliseconds by area, summed over the target's profiles, per request. */
export function busyMsPerRequest(target: ProfiledTarget): Map<string, number> {
  const totals = new Map<string, number>();
  for (const profile of target.profiles) {
    const areas = new Map(profile.nodes.map((node) => [node.id, areaOf(node.callFrame)]));
    profile.samples.forEach((id, index) => {
      const area = areas.get(id);
      if (area === undefined || area === '(idle)') return;
      totals.set(area, (totals.get(area) ?? 0) + (profile.timeDeltas[index] ?? 0));
    });
  }
  return new Map([...totals].map(([area, micros]) => [area, micros / 1000 / Math.max(1, target.requests)]));
}

/** The table: area, floor ms/req, engine ms/req, engine - floor, share of the whole gap; biggest difference first. */
export function compareAreas(engine: ProfiledTarget, floor: ProfiledTarget, minimumMs = 0.002): string {
  const engineAreas = busyMsPerRequest(engine);
  const floorAreas = busyMsPerRequest(floor);
  const sum = (areas: Map<string, number>): number => [...areas.values()].reduce((left, right) => left + right, 0);
  const gap = sum(engineAreas) - sum(floorAreas);
  const rows = [...new Set([...engineAreas.keys(), ...floorAreas.keys()])]
    .map((area) => ({ area, floor: floorAreas.get(area) ?? 0, engine: engineAreas.get(area) ?? 0 }))
    .filter((row) => Math.max(row.floor, row.engine) >= minimumMs)
    .sort((left, right) => right.engine - right.floor - (left.engine - left.floor));
  const cells = rows.map((row) => [
    row.area,
    row.floor.toFixed(3),
    row.engine.toFixed(3),
    (row.engine - row.floor).toFixed(3),
    gap > 0 ? `${((100 * (row.engine - row.floor)) / gap).toFixed(0)}%` : '-',
  ]);
  return [
    `Main thread busy ms per request by area (engine ${engine.requests} requests, floor ${floor.requests}; areas under ${minimumMs} ms left out):`,
    renderColumns([
      ['area', 'floor', 'engine', 'engine - floor', 'share of gap'],
      ...cells,
      ['all', sum(floorAreas).toFixed(3), sum(engineAreas).toFixed(3), gap.toFixed(3), '100%'],
    ], 1),
  ].join('\n');
}
