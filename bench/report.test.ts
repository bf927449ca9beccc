import { describe, expect, it } from 'vitest';
import { computeRatios, formatSummary, formatTable, type TargetRun } from './report';

function run(target: TargetRun['target'], cpuMsPerRequest: number, requestsPerSecond: number, non2xx = 0): TargetRun {
  return {
    scenario: 's1',
    target,
    load: { durationSeconds: 5, requests: requestsPerSecond * 5, requestsPerSecond, p50Ms: 0.3, p99Ms: 2, non2xx, errors: 0, timeouts: 0 },
    cpuMs: cpuMsPerRequest * requestsPerSecond * 5,
    cpuMsPerRequest,
    peakRssMb: 100,
    upstreamCpuMsPerRequest: 0.05,
  };
}

describe('bench report', () => {
  it('computes engine/floor ratios and the verdict', () => {
    const [ratio] = computeRatios([run('floor', 0.1, 1000), run('engine', 0.12, 900)], 1.3);
    expect(ratio?.cpuRatio).toBeCloseTo(1.2);
    expect(ratio?.requestsPerSecondRatio).toBeCloseTo(0.9);
    expect(ratio?.meetsTarget).toBe(true);
    expect(computeRatios([run('floor', 0.1, 1000), run('engine', 0.14, 900)], 1.3)[0]?.meetsTarget).toBe(false);
  });

  it('fails a cheap engine that answered with errors', () => {
    expect(computeRatios([run('floor', 0.1, 1000), run('engine', 0.01, 9000, 5)], 1.3)[0]?.meetsTarget).toBe(false);
  });

  it('prints a row per target and a ratio row', () => {
    const runs = [run('floor', 0.1, 1000), run('engine', 0.2, 500)];
    const ratios = computeRatios(runs, 1.3);
    const table = formatTable(runs, ratios, 1.3, 'engine');
    expect(table.split('\n')).toHaveLength(2 + 3);
    expect(table).toContain('engine/floor');
    expect(table).toContain('x2.00');
    expect(table).toContain('FAIL');
    expect(formatSummary(ratios, 1.3)).toContain('MISSES the target in 0/1');
  });
});
