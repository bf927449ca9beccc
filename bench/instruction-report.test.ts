import { describe, expect, it } from 'vitest';
import { formatInstructionTable, instructionRow, spreadOf } from './instruction-report';
import { roundOrder } from './measure-scenario';

describe('instruction counts report', () => {
  it('takes the median of odd and even sample counts, and the range relative to it', () => {
    expect(spreadOf([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, spread: 4 / 3 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, spread: 3 / 2.5 });
    expect(() => spreadOf([])).toThrow('no samples');
  });

  // A window where every thread counts `all` and the main thread a fixed share of it.
  const both = (all: number, main = all / 2) => ({ mainThread: main, allThreads: all });

  it('judges the ratio round by round: one disturbed round moves one sample, not the median', () => {
    const row = instructionRow({ id: 'anthropic-messages non-stream c16', category: 'pass-through non-stream', cpuRatioTarget: 2 }, [
      { floor: both(1_000_000), engine: both(2_000_000) },
      { floor: both(1_000_000), engine: both(2_100_000) },
      // A GC in the floor's window: its own ratio drops, the median ratio stays x2.0.
      { floor: both(2_000_000), engine: both(2_000_000) },
      { floor: both(1_000_000), engine: both(1_900_000) },
      { floor: both(1_100_000), engine: both(2_200_000) },
    ]);
    expect(row.allThreads.ratio.median).toBe(2);
    expect(row.allThreads.ratio.min).toBe(1);
    expect(row.allThreads.ratio.max).toBe(2.1);
    expect(row.allThreads.floor.median).toBe(1_000_000);
    expect(row.allThreads.engine.median).toBe(2_000_000);
    expect(row.mainThread.engine.median).toBe(1_000_000);
  });

  it('keeps the main thread apart from the background compiler that swells every thread\'s count', () => {
    const row = instructionRow({ id: 'anthropic-messages non-stream c16', category: 'pass-through non-stream', cpuRatioTarget: 2 }, [
      { floor: both(1_600_000, 500_000), engine: both(2_700_000, 700_000) },
      { floor: both(1_500_000, 500_000), engine: both(1_300_000, 650_000) },
      { floor: both(1_550_000, 520_000), engine: both(2_000_000, 680_000) },
    ]);
    expect(row.mainThread.ratio.median).toBe(680_000 / 520_000);
    expect(row.mainThread.ratio.max - row.mainThread.ratio.min).toBeLessThan(0.15);
    expect(row.allThreads.ratio.max - row.allThreads.ratio.min).toBeGreaterThan(0.8);
  });

  it('prints main-thread thousands of instructions with their spread, both ratios and their ranges', () => {
    const row = instructionRow({ id: 'anthropic-messages stream c16', category: 'pass-through stream', cpuRatioTarget: 1.15 }, [
      { floor: both(3_800_000, 1_900_000), engine: both(5_200_000, 2_600_000) },
      { floor: both(4_200_000, 2_100_000), engine: both(5_400_000, 2_700_000) },
    ]);
    const table = formatInstructionTable([row]);
    expect(table).toContain('anthropic-messages stream c16');
    expect(table).toContain('2,000 k ±5.0%');
    expect(table).toContain('2,650 k ±1.9%');
    expect(table).toContain('x1.33 (x1.29..x1.37)');
    expect(table).toContain('<= x1.15');
  });

  it('alternates the order of the targets from round to round', () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(round, ['floor', 'engine']).join(','))).toEqual([
      'floor,engine',
      'engine,floor',
      'floor,engine',
      'engine,floor',
    ]);
  });
});
