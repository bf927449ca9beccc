import { describe, expect, it } from 'vitest';
import type { FailureVerdict } from './classify-failure';
import { CredentialHealth } from './credential-health';

const quota: FailureVerdict = { rotate: true, cooldownMs: 60_000, scope: 'model', reason: 'quota', quota: true };
const unauthorized: FailureVerdict = { rotate: true, cooldownMs: 1_800_000, scope: 'credential', reason: 'unauthorized', quota: false };

describe('CredentialHealth.cooldowns and reset', () => {
  it('lists running blocks of one credential, whole-credential ones with model null', () => {
    const health = new CredentialHealth();
    health.recordFailure('a', 'Model-X', quota, 1000, false);
    health.recordFailure('a', 'm', unauthorized, 1000, false);
    health.recordFailure('b', 'model-x', quota, 1000, false);
    expect(health.cooldowns('a', 2000)).toEqual(
      expect.arrayContaining([
        { model: 'model-x', blockedUntil: 61_000, reason: 'quota', quota: true },
        { model: null, blockedUntil: 1_801_000, reason: 'unauthorized', quota: false },
      ]),
    );
    expect(health.cooldowns('a', 2000)).toHaveLength(2);
    expect(health.cooldowns('a', 61_000)).toHaveLength(1);
  });

  it('reset clears blocks and quota levels of that credential only', () => {
    const health = new CredentialHealth();
    health.recordFailure('a', 'model-x', quota, 1000, false);
    health.recordFailure('a', 'm', unauthorized, 1000, false);
    health.recordFailure('b', 'model-x', quota, 1000, false);
    expect(health.reset('a')).toEqual(['model-x']);
    expect(health.check('a', 'model-x', 2000).available).toBe(true);
    expect(health.quotaLevel('a', 'model-x')).toBe(0);
    expect(health.check('b', 'model-x', 2000).available).toBe(false);
  });
});
