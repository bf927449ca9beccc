import { describe, expect, it } from 'vitest';
import { randomBase64url, randomHex } from './random-id';

describe('random ids from the pooled buffer', () => {
  it('have the asked size and alphabet', () => {
    expect(randomHex(4)).toMatch(/^[0-9a-f]{8}$/);
    expect(randomBase64url(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('do not repeat across many pool refills', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 5000; index += 1) seen.add(randomBase64url(12));
    expect(seen.size).toBe(5000);
  });
});
