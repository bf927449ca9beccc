import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorHello, DoctorReport } from '../../src-shared/control/doctor-types';
import { closedPort } from '../fakes/closed-port.fixture';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { spawnCliproxy } from './spawn-cliproxy';
import { startTestEngine, type TestEngine } from './start-test-engine';

const managementKey = 'doctor-hello-management-secret';
let good: FakeAnthropicUpstream;
let busy: FakeAnthropicUpstream;
let proxy: TestEngine;
let closedBaseUrl = '';

/**
 * The doctor's per-account hello (docs/doctor.md#hello) through a real engine: a Claude key its fake accepts,
 * one it refuses (401), one whose fake is rate limiting (429), one whose host is closed. Each is asked once
 * with the cheapest model and 1 output token; nothing is sent before someone asks.
 */
beforeAll(async () => {
  good = await startFakeAnthropicUpstream({ name: 'good', apiKey: 'k-good' });
  busy = await startFakeAnthropicUpstream({ name: 'busy' });
  closedBaseUrl = `http://127.0.0.1:${await closedPort()}`;
  proxy = await startTestEngine({
    'remote-management': { 'secret-key': managementKey },
    'claude-api-key': [
      { 'api-key': 'k-good', 'base-url': good.baseUrl },
      { 'api-key': 'k-wrong', 'base-url': good.baseUrl },
      { 'api-key': 'k-busy', 'base-url': busy.baseUrl },
      { 'api-key': 'k-closed', 'base-url': closedBaseUrl },
    ],
  });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([good.close(), busy.close()]);
});

function byKey(hellos: readonly DoctorHello[], accountIds: readonly string[]): DoctorHello[] {
  return accountIds.map((id) => {
    const hello = hellos.find((entry) => entry.account === id);
    if (!hello) throw new Error(`no hello for ${id}`);
    return hello;
  });
}

describe('doctor hello', () => {
  it('sends nothing until asked, then one tiny request per account: latency, or the exact upstream error', async () => {
    const accounts = await proxy.engine.control.invoke('accounts.list', {});
    expect(accounts).toHaveLength(4);
    // The checks only probe the hosts (HEAD /): no completion is spent.
    await proxy.engine.control.invoke('doctor.run', {});
    expect([...good.requests, ...busy.requests].map((request) => request.method)).toEqual(['HEAD', 'HEAD']);
    good.reset();
    busy.reset();

    busy.enqueue({ kind: 'status', status: 429 });
    const hellos = await proxy.engine.control.invoke('doctor.hello', { account: 'all' });
    const [accepted, refused, limited, closed] = byKey(hellos, accounts.map((account) => account.id));
    expect(accepted).toMatchObject({ ok: true, status: 200, error: null, provider: 'claude-api', model: 'claude-haiku-4-5-20251001' });
    expect(accepted?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(refused).toMatchObject({ ok: false, status: 401, error: 'invalid x-api-key' });
    expect(limited).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/rate limit/i) });
    expect(closed).toMatchObject({ ok: false, status: null, latencyMs: null, error: expect.stringContaining('ECONNREFUSED') });
    // One request each (the refused key is not retried), with the cheapest model and one output token.
    expect(good.requests).toHaveLength(2);
    expect(busy.requests).toHaveLength(1);
    for (const request of [...good.requests, ...busy.requests]) expect(request.body).toMatchObject({ model: 'claude-haiku-4-5-20251001', max_tokens: 1 });
  });

  it('asks one account on its own; an unknown account is an error, not a request', async () => {
    const before = good.requests.length;
    const [first] = await proxy.engine.control.invoke('accounts.list', {});
    const hellos = await proxy.engine.control.invoke('doctor.hello', { account: first?.id ?? '' });
    expect(hellos).toHaveLength(1);
    expect(hellos[0]?.ok).toBe(true);
    expect(good.requests.length).toBe(before + 1);
    await expect(proxy.engine.control.invoke('doctor.hello', { account: 'no-such-account.json' })).rejects.toThrow(/No account 'no-such-account.json'/);
    expect(good.requests.length).toBe(before + 1);
  });

  it('GET /v0/management/doctor?hello=all adds the hellos to the report; an unknown account is a 404', async () => {
    const headers = { authorization: `Bearer ${managementKey}` };
    const response = await fetch(`${proxy.origin}/v0/management/doctor?hello=all`, { headers });
    expect(response.status).toBe(200);
    const report = (await response.json()) as DoctorReport;
    expect(report.checks.length).toBeGreaterThan(0);
    expect(report.hellos?.map((hello) => hello.ok)).toEqual([true, false, true, false]);
    const unknown = await fetch(`${proxy.origin}/v0/management/doctor?hello=nobody.json`, { headers });
    expect(unknown.status).toBe(404);
    for (const query of ['hello=', 'hello=a&hello=b']) expect((await fetch(`${proxy.origin}/v0/management/doctor?${query}`, { headers })).status).toBe(400);
    const plain = (await (await fetch(`${proxy.origin}/v0/management/doctor`, { headers })).json()) as DoctorReport;
    expect(plain.hellos).toBeUndefined();
  });

  it('cliproxy doctor --hello prints a line per account and exits 1 when one fails', async () => {
    const run = spawnCliproxy(['doctor', '--hello', '--config', proxy.configPath]);
    const code = await run.exited;
    const { stdout } = run.output();
    expect(stdout).toMatch(/\[ ok \] Hello claude-api-key\[0\] \(claude-haiku-4-5-20251001\): answered in \d+ ms/);
    expect(stdout).toContain('[FAIL] Hello claude-api-key[1] (claude-haiku-4-5-20251001): HTTP 401: invalid x-api-key');
    expect(stdout).toMatch(/\[FAIL\] Hello claude-api-key\[3\] \(claude-haiku-4-5-20251001\): Upstream connection failed: .*ECONNREFUSED/);
    expect(stdout).not.toContain('k-wrong');
    expect(code).toBe(1);
  }, 60_000);
});
