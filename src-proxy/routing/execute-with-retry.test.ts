import { describe, expect, it } from 'vitest';
import { ProxyError } from '../errors/proxy-error';
import { CredentialHealth } from './credential-health';
import { CredentialSelector } from './credential-selector';
import { executeWithRetry, type AttemptOutcome, type RetryPolicy } from './execute-with-retry';
import type { RouteCandidate } from './resolve-candidates';
import { testCredential } from './test-credential.fixture';

const candidates: RouteCandidate[] = ['a', 'b', 'c'].map((id, order) => ({ credential: testCredential({ id, order }), upstreamModel: 'm' }));
const policy: RetryPolicy = {
  strategy: 'round-robin',
  requestRetry: 3,
  maxRetryIntervalSeconds: 30,
  maxCredentialsPerRound: 0,
  disableCooling: false,
  transientCooldownSeconds: 60,
};

function httpFailure(status: number, retryAfter?: string): AttemptOutcome<string> {
  return {
    ok: false,
    error: new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: `upstream ${status}`, httpStatus: status, upstreamStatus: status }),
    failure: { status, body: '', retryAfter },
  };
}

/** A fake clock whose sleep advances time, so cooldown waits run instantly. */
function harness(script: Record<string, Array<AttemptOutcome<string>>>, overrides: Partial<RetryPolicy> = {}) {
  let now = 1_000_000;
  const calls: string[] = [];
  const sleeps: number[] = [];
  const health = new CredentialHealth();
  const selector = new CredentialSelector();
  const run = (model = 'm') =>
    executeWithRetry<string>({
      model,
      candidates,
      policy: { ...policy, ...overrides },
      health,
      selector,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      signal: new AbortController().signal,
      attempt: async (candidate) => {
        calls.push(candidate.credential.id);
        return script[candidate.credential.id]?.shift() ?? { ok: true, value: `served by ${candidate.credential.id}` };
      },
    });
  return { run, calls, sleeps, health, advance: (ms: number) => (now += ms) };
}

describe('executeWithRetry', () => {
  it('round-robin takes turns across requests', async () => {
    const { run } = harness({});
    const served = [];
    for (let index = 0; index < 4; index += 1) served.push(await run());
    expect(served).toEqual(['served by a', 'served by b', 'served by c', 'served by a']);
  });

  it('fill-first stays on the first credential while it works', async () => {
    const { run } = harness({}, { strategy: 'fill-first' });
    expect([await run(), await run(), await run()]).toEqual(['served by a', 'served by a', 'served by a']);
  });

  it('a 5xx moves on to the next credential and cools the failed one down', async () => {
    const { run, calls } = harness({ a: [httpFailure(500)] }, { strategy: 'fill-first' });
    expect(await run()).toBe('served by b');
    expect(await run()).toBe('served by b');
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('success resets the cooldown of the credential', async () => {
    const { run, health, advance } = harness({ a: [httpFailure(429, '1')] }, { strategy: 'fill-first' });
    await run();
    expect(health.check('a', 'm', 1_000_000).available).toBe(false);
    advance(1500);
    expect(await run()).toBe('served by a');
    expect(health.quotaLevel('a', 'm')).toBe(0);
  });

  it('a request fault returns at once without trying other credentials', async () => {
    const { run, calls } = harness({ a: [httpFailure(400)] }, { strategy: 'fill-first' });
    await expect(run()).rejects.toMatchObject({ httpStatus: 400 });
    expect(calls).toEqual(['a']);
  });

  it('when every credential is rate limited briefly, it waits and retries another round', async () => {
    const { run, calls, sleeps } = harness({ a: [httpFailure(429, '2')], b: [httpFailure(429, '2')], c: [httpFailure(429, '2')] }, { strategy: 'fill-first' });
    expect(await run()).toBe('served by a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(sleeps[0]).toBeLessThanOrEqual(2500);
  });

  it('does not wait longer than max-retry-interval: replies 429 with Retry-After instead', async () => {
    const limited = { a: [httpFailure(429, '120')], b: [httpFailure(429, '120')], c: [httpFailure(429, '120')] };
    const { run, sleeps } = harness(limited);
    await expect(run()).rejects.toMatchObject({ httpStatus: 429 });
    expect(sleeps).toEqual([]);
    await expect(run()).rejects.toMatchObject({ code: 'PX_COOLDOWN', httpStatus: 429, retryAfterSeconds: 120 });
  });

  it('stops after request-retry extra rounds', async () => {
    const always = () => Array.from({ length: 10 }, () => httpFailure(503));
    const { run, calls } = harness({ a: always(), b: always(), c: always() }, { requestRetry: 2, transientCooldownSeconds: 0 });
    await expect(run()).rejects.toMatchObject({ httpStatus: 503 });
    expect(calls).toHaveLength(9);
  });

  it('max-retry-credentials limits the credentials tried per round', async () => {
    const { run, calls } = harness({ a: [httpFailure(500)], b: [httpFailure(500)] }, { maxCredentialsPerRound: 2, requestRetry: 0, strategy: 'fill-first' });
    await expect(run()).rejects.toMatchObject({ httpStatus: 500 });
    expect(calls).toEqual(['a', 'b']);
  });

  it('higher priority credentials are used first', async () => {
    const prioritized: RouteCandidate[] = [
      { credential: testCredential({ id: 'low', order: 0 }), upstreamModel: 'm' },
      { credential: testCredential({ id: 'high', order: 1, priority: 5 }), upstreamModel: 'm' },
    ];
    const selector = new CredentialSelector();
    expect(selector.pick('round-robin', 'm', prioritized)?.credential.id).toBe('high');
    expect(selector.pick('round-robin', 'm', prioritized)?.credential.id).toBe('high');
    expect(selector.pick('round-robin', 'm', prioritized.slice(0, 1))?.credential.id).toBe('low');
  });
});
