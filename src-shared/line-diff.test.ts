import { describe, expect, it } from 'vitest';
import { diffLines, hasChanges } from './line-diff';

describe('diffLines', () => {
  it('keeps common lines and marks one changed line as removed + added', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('finds insertions and deletions in the middle of a longer text', () => {
    const before = ['x', 'keep-1', 'drop', 'keep-2', 'y'].join('\n');
    const after = ['x', 'keep-1', 'keep-2', 'new', 'y'].join('\n');
    expect(diffLines(before, after).filter((line) => line.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'drop' },
      { kind: 'added', text: 'new' },
    ]);
  });

  it('handles empty texts and reports whether anything changed', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', 'a\n')).toEqual([{ kind: 'added', text: 'a' }]);
    expect(hasChanges(diffLines('a\r\nb\n', 'a\nb'))).toBe(false);
    expect(hasChanges(diffLines('a', 'b'))).toBe(true);
  });
});
