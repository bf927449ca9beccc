import { describe, expect, it } from 'vitest';
import type { FailureVerdict } from './classify-failure';
import { CredentialHealth } from './credential-health';

const quota: FailureVerdict = { rotate: true, cooldownMs: 60_000, scope: 'model', reason: 'quota', quota: true };
const unauthorized: FailureVerdict = { rotate: true, cooldownMs: 1_800_000, scope: 'credential', reason: 'unauthorized', quota: false };

describe('CredentialHealth.cooldownOf', () => {
  it('is null for a credential nothing blocks', () => {
    expect(new CredentialHealth().cooldownOf('a', 0)).toBeNull();
  });

  it('reports the latest block across the credential and its models, and forgets expired ones', () => {
    const health = new CredentialHealth();
    health.recordFailure('a', 'gpt-x', quota, 1_000, false);
    health.recordFailure('a', 'gpt-y', unauthorized, 2_000, false);
    health.recordFailure('ab', 'gpt-x', unauthorized, 9_000, false);
    expect(health.cooldownOf('a', 3_000)).toEqual({ until: 1_802_000, reason: 'unauthorized', quota: false });
    expect(health.cooldownOf('a', 1_802_000)).toBeNull();
    health.recordSuccess('a', 'gpt-y');
    expect(health.cooldownOf('a', 3_000)).toEqual({ until: 61_000, reason: 'quota', quota: true });
  });
});
