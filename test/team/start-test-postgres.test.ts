import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

async function selectOne(dsn: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: dsn, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows[0];
  } finally {
    await client.end();
  }
}

describe('the test PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(() => server.stop());

  it('serves the DSN, refuses while paused and serves the same data after start', async () => {
    expect(await selectOne(server.dsn)).toEqual({ one: 1 });
    const client = new pg.Client(server.dsn);
    await client.connect();
    await client.query('CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
    await client.end();
    await server.pause();
    await expect(selectOne(server.dsn)).rejects.toThrow();
    await server.start();
    const again = new pg.Client(server.dsn);
    await again.connect();
    expect((await again.query('SELECT value FROM kept')).rows).toEqual([{ value: 'still here' }]);
    await again.end();
  });
});
