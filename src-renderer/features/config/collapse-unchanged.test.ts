import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../src-shared/line-diff';
import { collapseUnchanged } from './collapse-unchanged';

const numbered = (count: number) => Array.from({ length: count }, (_, index) => `line-${index + 1}`);

describe('the save preview folds long unchanged runs', () => {
  it('keeps three lines of context around a change', () => {
    const before = numbered(20).join('\n');
    const after = numbered(20).map((line) => (line === 'line-10' ? 'line-10: changed' : line)).join('\n');
    const items = collapseUnchanged(diffLines(before, after));
    expect(items).toEqual([
      { kind: 'folded', count: 9 - 3 },
      { kind: 'same', text: 'line-7' },
      { kind: 'same', text: 'line-8' },
      { kind: 'same', text: 'line-9' },
      { kind: 'removed', text: 'line-10' },
      { kind: 'added', text: 'line-10: changed' },
      { kind: 'same', text: 'line-11' },
      { kind: 'same', text: 'line-12' },
      { kind: 'same', text: 'line-13' },
      { kind: 'folded', count: 10 - 3 },
    ]);
  });

  it('does not fold a short run between two changes', () => {
    const before = ['a', 'x', 'x', 'x', 'x', 'b'].join('\n');
    const after = ['A', 'x', 'x', 'x', 'x', 'B'].join('\n');
    expect(collapseUnchanged(diffLines(before, after)).some((item) => item.kind === 'folded')).toBe(false);
  });
});
