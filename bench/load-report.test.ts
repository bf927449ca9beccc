import { describe, expect, it } from 'vitest';
import { formatLoadTable, loadChecks, type LoadMeasurements } from './load-report';

const good: LoadMeasurements = {
  startToFirstRequestMs: 280,
  idleRssMb: 75,
  idle: { streams: 1000, opened: 1000, failed: 0, firstError: undefined, holdSeconds: 10, rssMb: [90, 95, 93], cpuPercent: 2.5 },
  soak: { scenario: 'openai-chat -> anthropic-messages stream c64', seconds: 60, requests: 30_000, failures: 0, rssMb: [100, 110, 104], cpuMsPerRequest: 0.8 },
};

describe('load checks', () => {
  it('pass when every target is met, and name the numbers', () => {
    const checks = loadChecks(good);
    expect(checks.map((check) => check.meets)).toEqual([true, true, true, true, true, true]);
    expect(checks[1]?.measured).toBe('75.0 MB');
    expect(checks[4]?.measured).toBe('100.0 MB / 104.0 MB / 110.0 MB');
    const table = formatLoadTable(checks);
    expect(table.split('\n')[0]).toMatch(/^load check\s+\| target\s+\|\s+measured \| verdict$/);
    expect(table).toContain('1000 idle streams held 10 s');
  });

  it('fail on a slow start, a large idle engine, an unopened stream, any error, growing memory and a peak over 150 MB', () => {
    const bad: LoadMeasurements = {
      startToFirstRequestMs: 301,
      idleRssMb: 80.5,
      idle: { ...good.idle, opened: 999, failed: 1, firstError: 'status 500: boom' },
      soak: { ...good.soak, failures: 1, rssMb: [140, 151, 155] },
    };
    expect(loadChecks(bad).map((check) => check.meets)).toEqual([false, false, false, false, false, false]);
    expect(loadChecks(bad)[2]?.measured).toContain('(status 500: boom)');
    expect(loadChecks({ ...good, soak: { ...good.soak, requests: 0 } })[3]?.meets).toBe(false);
  });
});
