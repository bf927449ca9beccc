import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './limit-heap-growth';

describe('limitHeapGrowth', () => {
  it("sets V8's heap growing percent", () => {
    const set: string[] = [];
    limitHeapGrowth(['--enable-source-maps'], (flags) => set.push(flags));
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it("leaves a value given on node's command line alone, in either spelling", () => {
    const set: string[] = [];
    limitHeapGrowth(['--heap-growing-percent=80'], (flags) => set.push(flags));
    limitHeapGrowth(['--heap_growing_percent', '20'], (flags) => set.push(flags));
    expect(set).toEqual([]);
  });
});
