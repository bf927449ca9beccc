import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo';

describe('BoundedMemo', () => {
  it('computes a key once, then hands out the same value', () => {
    let computed = 0;
    const memo = new BoundedMemo(4, (key: string) => ({ key, count: (computed += 1) }));
    const first = memo.get('a');
    expect(memo.get('a')).toBe(first);
    expect(memo.get('b').count).toBe(2);
    expect(computed).toBe(2);
  });

  it('starts over past its limit of distinct keys, so client-chosen keys cannot grow it', () => {
    let computed = 0;
    const memo = new BoundedMemo(2, (key: number) => ({ key, count: (computed += 1) }));
    const first = memo.get(1);
    memo.get(2);
    memo.get(3); // the third distinct key clears the first two
    expect(memo.get(1)).not.toBe(first);
    expect(computed).toBe(4);
  });
});
