import { describe, expect, it } from 'vitest';
import { CredentialSelector } from './credential-selector';
import type { Credential } from './credential';
import type { QuotaHeadroom } from './quota-headroom';
import type { RouteCandidate } from './resolve-candidates';
import { testCredential } from './test-credential.fixture';

function candidate(id: string, overrides: Partial<Credential> = {}): RouteCandidate {
  return { credential: testCredential({ id, order: id.charCodeAt(0), ...overrides }), upstreamModel: 'm' };
}

/** A selector over synthetic quota states; the map can change between picks, as readings arrive. */
function selectorWith(states: Map<string, QuotaHeadroom>): CredentialSelector {
  return new CredentialSelector((id) => states.get(id));
}

function picks(selector: CredentialSelector, available: readonly RouteCandidate[], count: number): string[] {
  return Array.from({ length: count }, () => selector.pick('quota-aware', 'm', available)?.credential.id ?? 'none');
}

describe('CredentialSelector: quota-aware', () => {
  const available = [candidate('a'), candidate('b'), candidate('c')];

  it('takes the account with the most headroom in its tightest window, and moves on as readings change', () => {
    const states = new Map<string, QuotaHeadroom>([
      ['a', { remainingPercent: 20, runsOut: false }],
      ['b', { remainingPercent: 70, runsOut: false }],
      ['c', { remainingPercent: 40, runsOut: false }],
    ]);
    const selector = selectorWith(states);
    expect(picks(selector, available, 2)).toEqual(['b', 'b']);
    states.set('b', { remainingPercent: 35, runsOut: false });
    expect(picks(selector, available, 1)).toEqual(['c']);
  });

  it('avoids an account forecast to run out before its reset, even with more left; unknown accounts come before it', () => {
    const states = new Map<string, QuotaHeadroom>([
      ['a', { remainingPercent: 90, runsOut: true }],
      ['b', { remainingPercent: 10, runsOut: false }],
    ]);
    expect(picks(selectorWith(states), available, 1)).toEqual(['b']);
    states.set('b', { remainingPercent: 10, runsOut: true });
    expect(picks(selectorWith(states), available, 2)).toEqual(['c', 'c']);
    // Everyone is running out: the most headroom still answers (a refusal cools it down as usual).
    expect(picks(selectorWith(states), available.slice(0, 2), 1)).toEqual(['a']);
  });

  it('falls back to round-robin when nothing is known, and round-robins among the unknown ones', () => {
    expect(picks(selectorWith(new Map()), available, 4)).toEqual(['a', 'b', 'c', 'a']);
    const states = new Map<string, QuotaHeadroom>([['b', { remainingPercent: 5, runsOut: true }]]);
    expect(picks(selectorWith(states), available, 3)).toEqual(['a', 'c', 'a']);
  });

  it('keeps the priority tiers and config order for ties', () => {
    const tiered = [candidate('a', { priority: 1 }), candidate('b', { priority: 1 }), candidate('c', { priority: 0 })];
    const states = new Map<string, QuotaHeadroom>([
      ['a', { remainingPercent: 50, runsOut: false }],
      ['b', { remainingPercent: 50, runsOut: false }],
      ['c', { remainingPercent: 100, runsOut: false }],
    ]);
    expect(picks(selectorWith(states), tiered, 2)).toEqual(['a', 'a']);
  });
});
