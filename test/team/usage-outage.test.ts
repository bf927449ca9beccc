import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, type TestEngine } from '../integration/start-test-engine';
import { askThrough, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, usage: three engines write their rows (with their instance id) to the shared history; the
 * database stopped for 10 s under load loses no row: engines keep serving, their local history buffers,
 * and every row arrives once it is back (the counts are printed for the figures).
 */
const outageMs = 10_000;

async function countsByInstance(dsn: string): Promise<Map<string, number>> {
  const client = new pg.Client(dsn);
  await client.connect();
  try {
    const rows = (await client.query<{ instance_id: string; count: string }>('SELECT instance_id, count(*) AS count FROM team_usage.usage_requests GROUP BY instance_id')).rows;
    return new Map(rows.map((row) => [row.instance_id, Number(row.count)]));
  } finally {
    await client.end();
  }
}

describe('usage rows in the shared history', () => {
  let server: TestPostgres;
  let upstream: FakeOpenAIUpstream;
  let engines: TestEngine[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    upstream = await startFakeOpenAIUpstream({ name: 'usage' });
    engines = await startTeamEngines(server.dsn, 'team_usage', 3, { 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await upstream.close();
    await server.stop();
  });

  it('keeps serving through a 10 s outage and has every row, per instance, once the database is back', async () => {
    const sent = new Map<TestEngine, number>();
    let statuses: number[] = [];
    const burst = async (count: number) => {
      const round = await Promise.all(Array.from({ length: count }, (_, index) => {
        const engine = engines[index % engines.length] as TestEngine;
        sent.set(engine, (sent.get(engine) ?? 0) + 1);
        return askThrough(engine, 'm');
      }));
      statuses = statuses.concat(round);
    };
    await burst(30);
    await server.pause();
    const outageEnd = Date.now() + outageMs;
    while (Date.now() < outageEnd) {
      await burst(9);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await server.start();
    await burst(30);
    const total = [...sent.values()].reduce((sum, count) => sum + count, 0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const took = await timeUntil(async () => [...(await countsByInstance(server.dsn)).values()].reduce((sum, count) => sum + count, 0) >= total, 15_000);
    const counts = await countsByInstance(server.dsn);
    console.info(`[team] usage: ${total} requests sent (outage ${outageMs / 1000} s), ${[...counts.values()].reduce((sum, count) => sum + count, 0)} rows in PostgreSQL, all there ${took.toFixed(0)} ms after the burst that followed the outage`);
    expect(counts.size).toBe(3);
    expect([...counts.values()].sort((a, b) => a - b)).toEqual([...sent.values()].sort((a, b) => a - b));
  }, 60_000);
});
