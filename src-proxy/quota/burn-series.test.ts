import { describe, expect, it } from 'vitest';
import { burnSampleTimes, burnSeries } from './burn-series';

describe('burn series', () => {
  it('samples from the window start to now in even steps, nothing before the window started', () => {
    expect(burnSampleTimes(1000, 2200, 4)).toEqual([1000, 1300, 1600, 1900, 2200]);
    expect(burnSampleTimes(2000, 2000)).toEqual([]);
  });

  it('turns cumulative tokens into percent at the token cost, capped at 100', () => {
    expect(burnSeries([{ at: 1, tokens: 0 }, { at: 2, tokens: 1500 }, { at: 3, tokens: 500_000 }], 0.01)).toEqual([
      { at: 1, usedPercent: 0 },
      { at: 2, usedPercent: 15 },
      { at: 3, usedPercent: 100 },
    ]);
  });
});
