import { describe, expect, it } from 'vitest';
import { formatLoadTable, loadChecks, type LoadMeasurements } from './load-report';

const good: LoadMeasurements = {
  starts: [
    { toFirstRequestMs: 310, cpuMs: 260, idleRssMb: 76 },
    { toFirstRequestMs: 280, cpuMs: 250, idleRssMb: 75 },
    { toFirstRequestMs: 270, cpuMs: 240, idleRssMb: 74.5 },
  ],
  idle: { streams: 1000, opened: 1000, failed: 0, firstError: undefined, holdSeconds: 10, rssMb: [90, 95, 93], cpuPercent: 2.5 },
  soak: { scenario: 'openai-chat -> anthropic-messages stream c64', seconds: 60, requests: 30_000, failures: 0, non2xx: 0, errors: 0, timeouts: 0, rssMb: [100, 110, 104], cpuMsPerRequest: 0.8 },
};

describe('load checks', () => {
  it('pass when every target is met, and name the numbers', () => {
    const checks = loadChecks(good);
    expect(checks.map((check) => check.meets)).toEqual([true, true, true, true, true, true]);
    expect(checks[0]?.measured).toBe('280 ms (270-310; engine CPU 250 ms, 240-260), median of 3');
    expect(checks[1]?.measured).toBe('75.0 MB (74.5-76.0), median of 3');
    expect(checks[4]?.measured).toBe('100.0 MB / 104.0 MB / 110.0 MB');
    const table = formatLoadTable(checks);
    expect(table.split('\n')[0]).toMatch(/^load check\s+\| target\s+\|\s+measured \| verdict$/);
    expect(table).toContain('1000 idle streams held 10 s');
  });

  it('judge a start by the median of the starts, so one disturbed start moves nothing', () => {
    const disturbed = { ...good, starts: [...good.starts, { toFirstRequestMs: 5000, cpuMs: 900, idleRssMb: 140 }] };
    expect(loadChecks(disturbed).slice(0, 2).map((check) => check.meets)).toEqual([true, true]);
  });

  it('fail on a slow start, a large idle engine, an unopened stream, any error, growing memory and a peak over 150 MB', () => {
    const bad: LoadMeasurements = {
      starts: [
        { toFirstRequestMs: 301, cpuMs: 200, idleRssMb: 80.5 },
        { toFirstRequestMs: 250, cpuMs: 200, idleRssMb: 70 },
        { toFirstRequestMs: 900, cpuMs: 200, idleRssMb: 95 },
      ],
      idle: { ...good.idle, opened: 999, failed: 1, firstError: 'status 500: boom' },
      soak: { ...good.soak, failures: 3, non2xx: 1, errors: 2, timeouts: 2, rssMb: [140, 151, 155] },
    };
    expect(loadChecks(bad).map((check) => check.meets)).toEqual([false, false, false, false, false, false]);
    expect(loadChecks(bad)[2]?.measured).toContain('(status 500: boom)');
    expect(loadChecks(bad)[3]?.measured).toContain('3 errors (1 non-2xx, 2 connection errors of which 2 timeouts)');
    expect(loadChecks({ ...good, soak: { ...good.soak, requests: 0 } })[3]?.meets).toBe(false);
  });
});
