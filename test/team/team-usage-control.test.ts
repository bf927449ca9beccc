import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlResult } from '../../src-shared/control-contract';
import type { UsageRow, UsageTotals } from '../../src-shared/control/usage-types';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, type TestEngine } from '../integration/start-test-engine';
import { askThrough, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, the usage page's team scope: the control contract over HTTP (what the control panel calls)
 * answers `scope: 'team'` from PostgreSQL, the same figures as the management route's `scope=team`, and
 * `status.get` tells the page there is a team store.
 */
const hour = 3_600_000;

async function control<T>(engine: TestEngine, operation: string, input: unknown): Promise<ControlResult<T>> {
  const answer = await managementCall(engine, `/control/${operation}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return answer.body as ControlResult<T>;
}

async function value<T>(engine: TestEngine, operation: string, input: unknown): Promise<T> {
  const result = await control<T>(engine, operation, input);
  if (!result.ok) throw new Error(`${operation}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe("the control contract's team usage", () => {
  let server: TestPostgres;
  let upstream: FakeOpenAIUpstream;
  let engines: TestEngine[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    upstream = await startFakeOpenAIUpstream({ name: 'usage-control' });
    engines = await startTeamEngines(server.dsn, 'team_usage_control', 2, { 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await upstream.close();
    await server.stop();
  });

  it("answers scope 'team' with every engine's requests, by instance too, and the engine scope with its own", async () => {
    const [first, second] = engines as [TestEngine, TestEngine];
    expect(await value<{ teamStore: boolean }>(first, 'status.get', {})).toMatchObject({ teamStore: true });
    const statuses = [await askThrough(first, 'm'), await askThrough(second, 'm'), await askThrough(second, 'm')];
    expect(statuses).toEqual([200, 200, 200]);

    const range = { from: 0, to: Date.now() + hour };
    const took = await timeUntil(async () => (await value<UsageTotals>(first, 'usage.totals', { ...range, scope: 'team' })).requests === 3, 10_000);
    console.info(`[team] usage page: the team's 3 requests in the control contract's totals ${took.toFixed(0)} ms after the last answer`);
    const teamTotals = await value<UsageTotals>(second, 'usage.totals', { ...range, scope: 'team' });
    expect(teamTotals).toMatchObject({ requests: 3, failures: 0 });
    const routeTotals = await managementCall(second, `/usage/totals?from=${range.from}&to=${range.to}&scope=team`);
    expect(routeTotals).toEqual({ status: 200, body: teamTotals });
    expect(await value<UsageTotals>(first, 'usage.totals', range)).toMatchObject({ requests: 1 });

    const byInstance = await value<UsageRow[]>(first, 'usage.breakdown', { ...range, groupBy: 'instance', scope: 'team' });
    expect(byInstance.map((row) => row.requests)).toEqual([2, 1]);
    expect(new Set(byInstance.map((row) => row.key)).size).toBe(2);
    const series = await value<UsageRow[]>(first, 'usage.series', { ...range, bucket: 'hour', groupBy: 'instance', scope: 'team' });
    expect(series.reduce((sum, point) => sum + point.requests, 0)).toBe(3);

    const refused = await control(first, 'usage.breakdown', { ...range, groupBy: 'instance' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }, 30_000);
});
