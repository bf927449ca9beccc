import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth, SEMI_SPACE_GROWTH_FACTOR } from './limit-heap-growth';

describe('limitHeapGrowth', () => {
  it("restores the young generation's growth and caps the old generation's", () => {
    const set: string[] = [];
    limitHeapGrowth(['--enable-source-maps'], (flags) => set.push(flags));
    expect(set).toEqual([`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it("leaves a value given on node's command line alone, in either spelling", () => {
    const set: string[] = [];
    limitHeapGrowth(['--heap-growing-percent=80', '--semi_space_growth_factor=3'], (flags) => set.push(flags));
    limitHeapGrowth(['--heap_growing_percent', '20', '--semi-space-growth-factor', '4'], (flags) => set.push(flags));
    expect(set).toEqual([]);
  });
});
