import { describe, expect, it } from 'vitest';
import { computeRatios, formatCpuSplit, formatSummary, formatTable, type RatioTarget, type TargetRun } from './report';

function run(target: TargetRun['target'], cpuMsPerRequest: number, requestsPerSecond: number, non2xx = 0, scenario = 's1'): TargetRun {
  return {
    scenario,
    target,
    load: { durationSeconds: 5, requests: requestsPerSecond * 5, requestsPerSecond, p50Ms: 0.3, p99Ms: 2, non2xx, errors: 0, timeouts: 0 },
    cpuMs: cpuMsPerRequest * requestsPerSecond * 5,
    cpuMsPerRequest,
    cpuSplit: { userMs: cpuMsPerRequest * 0.8, systemMs: cpuMsPerRequest * 0.2, mainThreadMs: cpuMsPerRequest * 0.9, otherThreadsMs: cpuMsPerRequest * 0.1, gcPauseMs: cpuMsPerRequest * 0.05, minorGcsPer1k: 4, majorGcsPer1k: 0.01 },
    peakRssMb: 100,
    upstreamCpuMsPerRequest: 0.05,
  };
}

/** A floor run (0.1 CPU ms/req) and an engine run of one scenario. */
function pair(scenario: string, engineCpuMsPerRequest: number): TargetRun[] {
  return [run('floor', 0.1, 1000, 0, scenario), run('engine', engineCpuMsPerRequest, 900, 0, scenario)];
}

const passThrough: RatioTarget[] = [{ id: 's1', category: 'pass-through', cpuRatioTarget: 1.3 }];

describe('bench report', () => {
  it('computes engine/floor ratios and the verdict', () => {
    const [ratio] = computeRatios([run('floor', 0.1, 1000), run('engine', 0.12, 900)], passThrough);
    expect(ratio?.cpuRatio).toBeCloseTo(1.2);
    expect(ratio?.requestsPerSecondRatio).toBeCloseTo(0.9);
    expect(ratio?.cpuRatioTarget).toBe(1.3);
    expect(ratio?.category).toBe('pass-through');
    expect(ratio?.meetsTarget).toBe(true);
    expect(computeRatios([run('floor', 0.1, 1000), run('engine', 0.14, 900)], passThrough)[0]?.meetsTarget).toBe(false);
  });

  it('judges each scenario against its own target', () => {
    const runs = [...pair('pass', 0.14), ...pair('translated non-stream', 0.19), ...pair('translated stream', 0.16)];
    const targets: RatioTarget[] = [
      { id: 'pass', category: 'pass-through', cpuRatioTarget: 1.3 },
      { id: 'translated non-stream', category: 'translated non-stream', cpuRatioTarget: 2 },
      { id: 'translated stream', category: 'translated stream', cpuRatioTarget: 1.5 },
    ];
    const ratios = computeRatios(runs, targets);
    expect(ratios.map((ratio) => [ratio.scenario, ratio.meetsTarget])).toEqual([
      ['pass', false],
      ['translated non-stream', true],
      ['translated stream', false],
    ]);
    const table = formatTable(runs, ratios, 'engine');
    expect(table).toContain('FAIL (CPU <= x1.3)');
    expect(table).toContain('PASS (CPU <= x2)');
    expect(table).toContain('FAIL (CPU <= x1.5)');
    const summary = formatSummary(ratios, ['translated non-stream', 'pass-through']);
    const lines = summary.split('\n');
    expect(lines[1]).toMatch(/^path\s+\| worst scenario\s+\| floor CPU ms\/req \| engine CPU ms\/req \| ratio \|\s+target \| verdict \(scenarios meeting it\)$/);
    // The given order first, then the others as measured.
    expect(lines.slice(3, 6).map((line) => line.split(' | ').map((cell) => cell.trim()))).toEqual([
      ['translated non-stream', 'translated non-stream', '0.100', '0.190', 'x1.90', '<= x2', 'PASS (1/1)'],
      ['pass-through', 'pass', '0.100', '0.140', 'x1.40', '<= x1.3', 'FAIL (0/1)'],
      ['translated stream', 'translated stream', '0.100', '0.160', 'x1.60', '<= x1.5', 'FAIL (0/1)'],
    ]);
    expect(lines[6]).toBe('Overall: FAIL, 1/3 scenarios meet their target.');
  });

  it('names the scenario of a category furthest over its target', () => {
    const ratios = computeRatios([...pair('c1', 0.16), ...pair('c64', 0.12)], [
      { id: 'c1', category: 'pass-through stream', cpuRatioTarget: 2 },
      { id: 'c64', category: 'pass-through stream', cpuRatioTarget: 1.15 },
    ]);
    expect(formatSummary(ratios)).toMatch(/pass-through stream \| c64 .* x1\.20 \|\s+<= x1\.15 \| +FAIL \(1\/2\)$/m);
  });

  it('gives no ratio without a floor run or a target', () => {
    expect(computeRatios([run('engine', 0.1, 1000)], passThrough)).toEqual([]);
    expect(computeRatios([run('floor', 0.1, 1000), run('engine', 0.1, 1000)], [])).toEqual([]);
  });

  it('fails a cheap engine that answered with errors, and a floor with errors', () => {
    expect(computeRatios([run('floor', 0.1, 1000), run('engine', 0.01, 9000, 5)], passThrough)[0]?.meetsTarget).toBe(false);
    expect(computeRatios([run('floor', 0.1, 1000, 5), run('engine', 0.1, 1000)], passThrough)[0]?.meetsTarget).toBe(false);
  });

  it('prints a row per target and a ratio row', () => {
    const runs = [run('floor', 0.1, 1000), run('engine', 0.2, 500)];
    const ratios = computeRatios(runs, passThrough);
    const table = formatTable(runs, ratios, 'engine');
    expect(table.split('\n')).toHaveLength(2 + 3);
    expect(table).toContain('engine/floor');
    expect(table).toContain('x2.00');
    expect(table).toContain('FAIL');
    expect(formatSummary(ratios)).toContain('FAIL (0/1)');
    expect(formatSummary(ratios)).toContain('Overall: FAIL');
  });

  it('prints where each target\'s CPU went, with engine/floor per column', () => {
    const runs = pair('s1', 0.25);
    const table = formatCpuSplit(runs, 'engine');
    const lines = table.split('\n');
    expect(lines[1]).toMatch(/scenario \| target +\| +user \| system \| main thread \| other threads \| GC pauses \| scavenges\/1k req \| full GCs\/1k req/);
    expect(lines[3]).toMatch(/^s1 +\| floor +\| +0\.080 \| +0\.020 \| +0\.090 \| +0\.010 \| +0\.005 \| +4\.0 \| +0\.01$/);
    expect(lines[4]).toMatch(/^s1 +\| engine +\| +0\.200 \| +0\.050 \| +0\.225 \| +0\.025 \| +0\.013 \| +4\.0 \| +0\.01$/);
    expect(lines[5]).toMatch(/^ +\| engine\/floor \| +x2\.50 \| +x2\.50 \| +x2\.50 \| +x2\.50 \| +x2\.50 \| +x1\.00 \| +$/);
    // Off Linux the main thread cannot be read: dashes, not a made-up split.
    const [floor, engine] = runs.map((run) => ({ ...run, cpuSplit: { ...run.cpuSplit, mainThreadMs: null, otherThreadsMs: null } }));
    const withoutThreads = formatCpuSplit([floor as TargetRun, engine as TargetRun], 'engine').split('\n');
    expect(withoutThreads[4]).toMatch(/0\.050 \| +- \| +- \|/);
    expect(withoutThreads[5]).toMatch(/x2\.50 \| +- \| +- \|/);
  });
});
