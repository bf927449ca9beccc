import { describe, expect, it } from 'vitest';
import type { TargetRun } from './report';
import { formatUsageCosts, usageCosts } from './usage-cost-report';

function run(target: TargetRun['target'], cpuMsPerRequest: number, scenario: string, errors = 0): TargetRun {
  return {
    scenario,
    target,
    load: { durationSeconds: 5, requests: 5000, requestsPerSecond: 1000, p50Ms: 0.3, p99Ms: 2, non2xx: 0, errors, timeouts: 0 },
    cpuMs: cpuMsPerRequest * 5000,
    cpuMsPerRequest,
    cpuSplit: { userMs: cpuMsPerRequest * 0.8, systemMs: cpuMsPerRequest * 0.2, mainThreadMs: cpuMsPerRequest * 0.9, otherThreadsMs: cpuMsPerRequest * 0.1, gcPauseMs: cpuMsPerRequest * 0.05, minorGcsPer1k: 4, majorGcsPer1k: 0.01 },
    peakRssMb: 100,
    upstreamCpuMsPerRequest: 0.05,
  };
}

describe('usage on/off report', () => {
  it('passes a recording cost up to 5% and fails above it or with errors', () => {
    const runs = [run('floor', 0.2, 'cheap'), run('engine', 0.208, 'cheap'), run('floor', 0.2, 'dear'), run('engine', 0.22, 'dear'), run('floor', 0.2, 'broken'), run('engine', 0.2, 'broken', 3)];
    const costs = usageCosts(runs);
    expect(costs.map((cost) => [cost.scenario, cost.meetsTarget])).toEqual([['cheap', true], ['dear', false], ['broken', false]]);
    expect(costs[0]?.cpuRatio).toBeCloseTo(1.04);
    const table = formatUsageCosts(runs, costs);
    expect(table).toContain('usage off CPU ms/req');
    expect(table).toMatch(/cheap\s*\|\s*0\.200\s*\|\s*0\.208\s*\|\s*x1\.040\s*\|\s*PASS \(<= x1\.05\)/);
    expect(table).toMatch(/dear .*FAIL/);
  });
});
