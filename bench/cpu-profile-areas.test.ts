import { describe, expect, it } from 'vitest';
import { areaOf, busyMsPerRequest, compareAreas, type CpuProfile } from './cpu-profile-areas';

/** A profile whose samples each last `micros` and stand in the named frames. */
function profile(frames: Array<{ functionName: string; url: string }>, samples: Array<[frameIndex: number, micros: number]>): CpuProfile {
  return {
    nodes: frames.map((frame, index) => ({ id: index + 1, callFrame: { ...frame, lineNumber: 0 } })),
    samples: samples.map(([frameIndex]) => frameIndex + 1),
    timeDeltas: samples.map(([, micros]) => micros),
  };
}

const frames = [
  { functionName: '(idle)', url: '' },
  { functionName: 'writev', url: '' },
  { functionName: '(garbage collector)', url: '' },
  { functionName: 'attemptCandidate', url: 'file:///home/someone/proxy/src-proxy/server/proxy/forward-request.ts' },
  { functionName: 'routeHandler', url: 'file:///home/someone/proxy/node_modules/fastify/lib/route.js' },
  { functionName: 'emit', url: 'node:events' },
  { functionName: 'JSONParse', url: '' },
];

describe('CPU profile areas', () => {
  it('names the area of a frame: our folders, packages, node core, GC, kernel writes', () => {
    expect(frames.map(areaOf)).toEqual(['(idle)', 'kernel writes (writev)', '(garbage collector)', 'src-proxy/server', 'fastify', 'node core', '(native)']);
    expect(areaOf({ functionName: 'x', url: 'file:///r/node_modules/@fastify/busboy/lib/x.js' })).toBe('@fastify/busboy');
    expect(areaOf({ functionName: 'x', url: 'file:///r/dist-bench/cliproxy-bench/engine.js' })).toBe('dist-bench/cliproxy-bench');
  });

  it('sums busy time per request over several profiles, idle left out', () => {
    const first = profile(frames, [[0, 5000], [1, 300], [3, 200]]);
    const second = profile(frames, [[1, 100], [3, 400]]);
    const areas = busyMsPerRequest({ profiles: [first, second], requests: 2 });
    expect(areas.get('kernel writes (writev)')).toBeCloseTo(0.2);
    expect(areas.get('src-proxy/server')).toBeCloseTo(0.3);
    expect(areas.has('(idle)')).toBe(false);
  });

  it('puts engine and floor side by side, biggest difference first, with each area\'s share of the gap', () => {
    const floor = { profiles: [profile(frames, [[1, 1000], [2, 100], [0, 9000]])], requests: 10 };
    const engine = { profiles: [profile(frames, [[1, 1100], [2, 400], [3, 500], [4, 0], [5, 100]])], requests: 10 };
    const lines = compareAreas(engine, floor).split('\n');
    expect(lines[0]).toMatch(/engine 10 requests, floor 10/);
    const rows = lines.slice(3).map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map((row) => row[0])).toEqual(['src-proxy/server', '(garbage collector)', 'kernel writes (writev)', 'node core', 'all']);
    expect(rows[0]).toEqual(['src-proxy/server', '0.000', '0.050', '0.050', '50%']);
    expect(rows[1]).toEqual(['(garbage collector)', '0.010', '0.040', '0.030', '30%']);
    expect(rows[4]).toEqual(['all', '0.110', '0.210', '0.100', '100%']);
  });
});
