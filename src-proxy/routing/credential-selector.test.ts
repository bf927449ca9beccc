import { describe, expect, it } from 'vitest';
import { CredentialSelector, type SessionAffinity } from './credential-selector';
import type { Credential } from './credential';
import type { RouteCandidate } from './resolve-candidates';
import { testCredential } from './test-credential.fixture';

function candidate(id: string, overrides: Partial<Credential> = {}): RouteCandidate {
  return { credential: testCredential({ id, order: id.charCodeAt(0), ...overrides }), upstreamModel: 'm' };
}

function pickMany(selector: CredentialSelector, available: readonly RouteCandidate[], count: number, model = 'm'): string[] {
  return Array.from({ length: count }, () => selector.pick('weighted-round-robin', model, available)?.credential.id ?? 'none');
}

function counts(ids: readonly string[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const id of ids) result[id] = (result[id] ?? 0) + 1;
  return result;
}

describe('CredentialSelector: weighted-round-robin', () => {
  it('spreads picks in proportion to the weights (3:2:1 over 600 picks)', () => {
    const available = [candidate('a', { weight: 3 }), candidate('b', { weight: 2 }), candidate('c', { weight: 1 })];
    expect(counts(pickMany(new CredentialSelector(), available, 600))).toEqual({ a: 300, b: 200, c: 100 });
  });

  it('interleaves picks as nginx does instead of sending bursts to the heaviest credential', () => {
    const available = [candidate('a', { weight: 5 }), candidate('b', { weight: 1 }), candidate('c', { weight: 1 })];
    expect(pickMany(new CredentialSelector(), available, 7)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('treats a credential without a weight as weight 1 and never picks one with weight 0', () => {
    const available = [candidate('a'), candidate('b', { weight: 0 }), candidate('c', { weight: -2 })];
    expect(counts(pickMany(new CredentialSelector(), available, 4))).toEqual({ a: 4 });
    expect(new CredentialSelector().pick('weighted-round-robin', 'm', [candidate('z', { weight: 0 })])).toBeUndefined();
  });

  it('starts the rotation over when a weight changes', () => {
    const selector = new CredentialSelector();
    pickMany(selector, [candidate('a', { weight: 1 }), candidate('b', { weight: 3 })], 3);
    // Fresh state for weights 1:1 picks a first; carried-over state from 1:3 would have picked a or b by their old balance.
    expect(pickMany(selector, [candidate('a', { weight: 1 }), candidate('b', { weight: 1 })], 4)).toEqual(['a', 'b', 'a', 'b']);
    expect(pickMany(selector, [candidate('a', { weight: 2 }), candidate('b', { weight: 1 })], 3)).toEqual(['a', 'b', 'a']);
  });

  it('only picks among the highest priority tier', () => {
    const available = [candidate('a', { weight: 10, priority: 0 }), candidate('b', { weight: 1, priority: 5 }), candidate('c', { weight: 1, priority: 5 })];
    expect(counts(pickMany(new CredentialSelector(), available, 4))).toEqual({ b: 2, c: 2 });
  });

  it('keeps separate rotations per model and per providers scope', () => {
    const selector = new CredentialSelector();
    const available = [candidate('a', { weight: 1 }), candidate('b', { weight: 1 })];
    expect(pickMany(selector, available, 1, 'one')).toEqual(['a']);
    expect(pickMany(selector, available, 1, 'two')).toEqual(['a']);
    expect(selector.pick('weighted-round-robin', 'one', available, { scope: 'other' })?.credential.id).toBe('a');
    expect(pickMany(selector, available, 1, 'one')).toEqual(['b']);
  });
});

describe('CredentialSelector: session affinity', () => {
  const hour = 3_600_000;
  const affinity = (primary: string, now: number, fallback?: string): SessionAffinity => ({ session: fallback ? { primary, fallback } : { primary }, ttlMs: hour, now });

  it('keeps a session on the credential it was first given while round-robin moves other requests on', () => {
    const selector = new CredentialSelector();
    const available = [candidate('a'), candidate('b'), candidate('c')];
    const first = selector.pick('round-robin', 'm', available, { affinity: affinity('s1', 0) })?.credential.id;
    const others = [selector.pick('round-robin', 'm', available)?.credential.id, selector.pick('round-robin', 'm', available)?.credential.id];
    const again = Array.from({ length: 5 }, (_, index) => selector.pick('round-robin', 'm', available, { affinity: affinity('s1', 1000 * index) })?.credential.id);
    expect(first).toBe('a');
    expect(others).toEqual(['b', 'c']);
    expect(again).toEqual(['a', 'a', 'a', 'a', 'a']);
  });

  it('reuses the bound credential even when a higher-priority one is available again', () => {
    const selector = new CredentialSelector();
    const low = candidate('low', { priority: 0 });
    const high = candidate('high', { priority: 9 });
    expect(selector.pick('fill-first', 'm', [low], { affinity: affinity('s', 0) })?.credential.id).toBe('low');
    expect(selector.pick('fill-first', 'm', [low, high], { affinity: affinity('s', 1) })?.credential.id).toBe('low');
    expect(selector.pick('fill-first', 'm', [low, high], { affinity: affinity('new', 1) })?.credential.id).toBe('high');
  });

  it('fails over when the bound credential is unavailable and stays on the new one afterwards', () => {
    const selector = new CredentialSelector();
    const [a, b] = [candidate('a'), candidate('b')];
    expect(selector.pick('fill-first', 'm', [a, b], { affinity: affinity('s', 0) })?.credential.id).toBe('a');
    expect(selector.pick('fill-first', 'm', [b], { affinity: affinity('s', 1) })?.credential.id).toBe('b');
    expect(selector.pick('fill-first', 'm', [a, b], { affinity: affinity('s', 2) })?.credential.id).toBe('b');
  });

  it('forgets a binding after the TTL without use, and each use extends it', () => {
    const selector = new CredentialSelector();
    const [a, b] = [candidate('a'), candidate('b')];
    selector.pick('fill-first', 'm', [b], { affinity: affinity('s', 0) });
    expect(selector.pick('fill-first', 'm', [a, b], { affinity: affinity('s', hour - 1) })?.credential.id).toBe('b');
    expect(selector.pick('fill-first', 'm', [a, b], { affinity: affinity('s', 2 * hour - 2) })?.credential.id).toBe('b');
    expect(selector.pick('fill-first', 'm', [a, b], { affinity: affinity('s', 3 * hour) })?.credential.id).toBe('a');
  });

  it('binds per providers, session and model', () => {
    const selector = new CredentialSelector();
    const [a, b] = [candidate('a'), candidate('b')];
    selector.pick('fill-first', 'm', [b], { scope: 'claude', affinity: affinity('s', 0) });
    expect(selector.pick('fill-first', 'm', [a, b], { scope: 'claude', affinity: affinity('s', 1) })?.credential.id).toBe('b');
    expect(selector.pick('fill-first', 'other', [a, b], { scope: 'claude', affinity: affinity('s', 1) })?.credential.id).toBe('a');
    expect(selector.pick('fill-first', 'm', [a, b], { scope: 'codex', affinity: affinity('s', 1) })?.credential.id).toBe('a');
  });

  it("finds a conversation's first-turn binding from its second turn (fallback id)", () => {
    const selector = new CredentialSelector();
    const [a, b] = [candidate('a'), candidate('b')];
    selector.pick('fill-first', 'm', [b], { affinity: affinity('turn1', 0) });
    expect(selector.pick('fill-first', 'm', [a, b], { affinity: affinity('turn2', 1, 'turn1') })?.credential.id).toBe('b');
    expect(selector.pick('fill-first', 'm', [a, b], { affinity: affinity('turn2', 2) })?.credential.id).toBe('b');
  });

  it('never binds a weight-0 credential under weighted-round-robin', () => {
    const selector = new CredentialSelector();
    selector.pick('fill-first', 'm', [candidate('zero', { weight: 0 })], { affinity: affinity('s', 0) });
    expect(selector.pick('weighted-round-robin', 'm', [candidate('zero', { weight: 0 }), candidate('one')], { affinity: affinity('s', 1) })?.credential.id).toBe('one');
  });
});

describe('CredentialSelector: the eligible tier', () => {
  it('fill-first takes the first in config order whatever order the candidates come in, and only from the highest priority', () => {
    const selector = new CredentialSelector();
    expect(selector.pick('fill-first', 'm', [candidate('b'), candidate('a')])?.credential.id).toBe('a');
    expect(selector.pick('fill-first', 'm', [candidate('a'), candidate('b', { priority: 1 }), candidate('c', { priority: 1 })])?.credential.id).toBe('b');
    expect(selector.pick('fill-first', 'm', [candidate('a'), candidate('b')])?.credential.id).toBe('a');
  });
});
