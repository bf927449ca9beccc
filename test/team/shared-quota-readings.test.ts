import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessageBody, planReply } from '../fakes/fake-anthropic-bodies';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { TestEngine } from '../integration/start-test-engine';
import { askThrough, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, quota readings shared by a team: what one engine's upstream answer tells about an account's quota
 * is on every engine's quota page and steers their quota-aware routing (time printed); a burst of readings
 * is written in at most one statement per second.
 */
const schema = 'team_quota';
const entry = (key: string, baseUrl: string) => ({ 'api-key': key, 'base-url': baseUrl, models: [{ name: 'claude-sonnet-4-6', alias: 'sonnet' }] });

describe('quota readings shared through PostgreSQL', () => {
  let server: TestPostgres;
  let upstream: FakeAnthropicUpstream;
  let engines: TestEngine[] = [];
  const resetsAt = String(Math.floor(Date.now() / 1000) + 3600);
  const answerWithQuota = (utilization: number) => upstream.enqueue({
    kind: 'status',
    status: 200,
    body: buildMessageBody(planReply({ serial: 1, body: { model: 'claude-sonnet-4-6' }, defaultText: 'hi' })),
    headers: { 'anthropic-ratelimit-unified-5h-utilization': String(utilization), 'anthropic-ratelimit-unified-5h-reset': resetsAt, 'anthropic-ratelimit-unified-5h-status': 'allowed' },
  });
  /** The 5-hour window's percentage each engine's quota page shows for the account it has a reading of. */
  const shownPercent = async (engine: TestEngine) => {
    const { accounts } = (await managementCall(engine, '/quota')).body as { accounts: Array<{ quota: { windows: Array<{ id: string; usedPercent: number | null }> } | null }> };
    return accounts.find((account) => account.quota !== null)?.quota?.windows.find((window) => window.id === '5h')?.usedPercent ?? null;
  };

  beforeAll(async () => {
    server = await startTestPostgres();
    upstream = await startFakeAnthropicUpstream({ name: 'team-quota' });
    engines = await startTeamEngines(server.dsn, schema, 2, { 'request-retry': 0, routing: { strategy: 'quota-aware' }, 'claude-api-key': [entry('k-first', upstream.baseUrl), entry('k-second', upstream.baseUrl)] });
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await upstream.close();
    await server.stop();
  });

  it('a reading from one engine\'s answer is on the other\'s quota page and steers its quota-aware routing', async () => {
    const [first, second] = engines as [TestEngine, TestEngine];
    // The second engine knows nothing: its round-robin sends k-first, and would send k-second next.
    expect(await askThrough(second, 'sonnet')).toBe(200);
    expect(await shownPercent(second)).toBeNull();
    answerWithQuota(0.1);
    expect(await askThrough(first, 'sonnet')).toBe(200);
    expect(await shownPercent(first)).toBe(10);
    const reach = await timeUntil(async () => (await shownPercent(second)) === 10);
    console.info(`[team] a quota reading reached the other engine's quota page in ${reach.toFixed(0)} ms`);
    expect(reach).toBeLessThan(1_500);

    const before = upstream.requests.length;
    for (let index = 0; index < 3; index++) expect(await askThrough(second, 'sonnet')).toBe(200);
    // k-first has 90 % left by the first engine's reading: the second keeps to it instead of taking turns.
    expect(upstream.requests.slice(before).map((request) => request.headers.authorization)).toEqual(['Bearer k-first', 'Bearer k-first', 'Bearer k-first']);
  });

  it('a burst of readings is written at most once a second; the newest wins everywhere', async () => {
    const [first, second] = engines as [TestEngine, TestEngine];
    const listener = new pg.Client(server.dsn);
    await listener.connect();
    let notifications = 0;
    listener.on('notification', () => (notifications += 1));
    await listener.query(`LISTEN "${schema}.quota_readings"`);
    const started = performance.now();
    for (let index = 1; index <= 10; index++) {
      answerWithQuota(0.2 + index / 100);
      expect(await askThrough(first, 'sonnet')).toBe(200);
    }
    const burstMs = performance.now() - started;
    await timeUntil(async () => (await shownPercent(second)) === 30, 3_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await listener.end();
    console.info(`[team] 10 quota readings in ${burstMs.toFixed(0)} ms were written in ${notifications} statements`);
    expect(notifications).toBeGreaterThanOrEqual(1);
    expect(notifications).toBeLessThanOrEqual(1 + Math.ceil(burstMs / 1_000));
    expect(await shownPercent(first)).toBe(30);
  });
});
