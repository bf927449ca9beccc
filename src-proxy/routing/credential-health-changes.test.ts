import { describe, expect, it } from 'vitest';
import type { FailureVerdict } from './classify-failure';
import { CredentialHealth, type CooldownChange } from './credential-health';

const quota: FailureVerdict = { rotate: true, cooldownMs: 60_000, scope: 'model', reason: 'quota', quota: true };
const unauthorized: FailureVerdict = { rotate: true, cooldownMs: 1_800_000, scope: 'credential', reason: 'unauthorized', quota: false };

function recording(health: CredentialHealth): CooldownChange[] {
  const changes: CooldownChange[] = [];
  health.onChange((change) => changes.push(change));
  return changes;
}

describe('CredentialHealth changes (what a team server shares)', () => {
  it('announces blocks set and cleared by failures, successes and resets, and nothing for a success with nothing blocked', () => {
    const health = new CredentialHealth();
    const changes = recording(health);
    health.recordSuccess('a', 'm');
    expect(changes).toEqual([]);
    health.recordFailure('a', 'Model-X', quota, 1000, false);
    health.recordFailure('a', 'm', unauthorized, 1000, false);
    health.recordFailure('a', 'm', { ...quota, rotate: false }, 1000, false);
    expect(changes).toEqual([
      { credentialId: 'a', model: 'model-x', state: { blockedUntil: 61_000, reason: 'quota', quota: true, quotaLevel: 1 } },
      { credentialId: 'a', model: null, state: { blockedUntil: 1_801_000, reason: 'unauthorized', quota: false, quotaLevel: 0 } },
    ]);
    changes.length = 0;
    health.recordSuccess('a', 'model-x');
    expect(changes).toEqual([
      { credentialId: 'a', model: 'model-x', state: null },
      { credentialId: 'a', model: null, state: null },
    ]);
    changes.length = 0;
    health.recordFailure('b', 'm', quota, 1000, false);
    changes.length = 0;
    expect(health.reset('b')).toEqual(['m']);
    expect(changes).toEqual([{ credentialId: 'b', model: 'm', state: null }]);
  });

  it('applies another engine\'s change without announcing it again', () => {
    const health = new CredentialHealth();
    const changes = recording(health);
    health.applyShared({ credentialId: 'a', model: 'm', state: { blockedUntil: 5000, reason: 'quota', quota: true, quotaLevel: 3 } });
    health.applyShared({ credentialId: 'b', model: null, state: { blockedUntil: 5000, reason: 'unauthorized', quota: false, quotaLevel: 0 } });
    expect(health.check('a', 'M', 1000)).toEqual({ available: false, blockedUntil: 5000, quota: true });
    expect(health.quotaLevel('a', 'm')).toBe(3);
    expect(health.check('b', 'anything', 1000).available).toBe(false);
    health.applyShared({ credentialId: 'a', model: 'm', state: null });
    expect(health.check('a', 'm', 1000).available).toBe(true);
    expect(changes).toEqual([]);
  });

  it('a success here does not lift a block another engine set (a request sent before it arrived), and does not announce a clear', () => {
    const health = new CredentialHealth();
    const changes = recording(health);
    health.applyShared({ credentialId: 'a', model: 'm', state: { blockedUntil: 5000, reason: 'quota', quota: true, quotaLevel: 1 } });
    health.recordSuccess('a', 'm');
    expect(health.check('a', 'm', 1000).available).toBe(false);
    expect(changes).toEqual([]);
    // A block this engine sets itself on the same key is its own again: a success lifts it.
    health.recordFailure('a', 'm', quota, 1000, false);
    changes.length = 0;
    health.recordSuccess('a', 'm');
    expect(health.check('a', 'm', 1000).available).toBe(true);
    expect(changes).toEqual([{ credentialId: 'a', model: 'm', state: null }]);
  });
});
