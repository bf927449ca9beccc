import pg from 'pg';
import { request } from 'undici';
import { migrations } from '../../src-proxy/store/postgres/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../integration/start-test-engine';
import { useTeamStoreKey } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

const newest = migrations.at(-1)?.version;

async function healthOf(engine: TestEngine): Promise<{ status: number; body: unknown }> {
  const response = await request(`${engine.origin}/healthz`);
  return { status: response.statusCode, body: await response.body.json() };
}

async function rows(dsn: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client(dsn);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('store: postgres at engine start', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    useTeamStoreKey();
    server = await startTestPostgres();
  });
  afterAll(() => server.stop());

  it('engines starting together on a fresh schema apply each migration once and report the store on /healthz', async () => {
    const store = { type: 'postgres', dsn: server.dsn, schema: 'team_start' };
    const engines = await Promise.all([startTestEngine({ store }), startTestEngine({ store }), startTestEngine({ store })]);
    try {
      expect(await rows(server.dsn, 'SELECT version, name FROM team_start.schema_migrations ORDER BY version')).toEqual(migrations.map(({ version, name }) => ({ version, name })));
      expect(await rows(server.dsn, "SELECT to_regclass('team_start.auth_records')::text AS name")).toEqual([{ name: 'team_start.auth_records' }]);
      for (const engine of engines) expect(await healthOf(engine)).toEqual({ status: 200, body: { status: 'ok', store: { type: 'postgres', state: 'ready', schemaVersion: newest } } });
    } finally {
      await Promise.all(engines.map((engine) => engine.close()));
    }
  });

  it('keeps answering /healthz while the database is down, saying so, and ready again when it returns', async () => {
    const engine = await startTestEngine({ store: { type: 'postgres', dsn: server.dsn, schema: 'team_outage' } });
    try {
      await server.pause();
      expect(await healthOf(engine)).toEqual({ status: 200, body: { status: 'ok', store: { type: 'postgres', state: 'unreachable', schemaVersion: newest } } });
      await server.start();
      expect((await healthOf(engine)).body).toMatchObject({ store: { state: 'ready' } });
    } finally {
      await engine.close();
    }
  });

  it('takes the DSN from CLIPROXY_PG_DSN when config.yaml names none (store: postgres)', async () => {
    process.env.CLIPROXY_PG_DSN = server.dsn;
    try {
      const engine = await startTestEngine({ store: 'postgres' });
      expect((await healthOf(engine)).body).toMatchObject({ store: { state: 'ready' } });
      await engine.close();
      expect(await rows(server.dsn, 'SELECT max(version) AS version FROM cliproxy.schema_migrations')).toEqual([{ version: newest }]);
    } finally {
      delete process.env.CLIPROXY_PG_DSN;
    }
  });

  it('refuses to start without a DSN, without a store key, and on a schema a newer engine migrated, saying why', async () => {
    await expect(startTestEngine({ store: 'postgres' })).rejects.toThrow(/CLIPROXY_PG_DSN/);
    const key = process.env.CLIPROXY_STORE_KEY;
    delete process.env.CLIPROXY_STORE_KEY;
    await expect(startTestEngine({ store: { type: 'postgres', dsn: server.dsn } })).rejects.toThrow(/encrypts tokens at rest: set CLIPROXY_STORE_KEY/);
    process.env.CLIPROXY_STORE_KEY = key;
    await rows(server.dsn, "CREATE SCHEMA team_newer; CREATE TABLE team_newer.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO team_newer.schema_migrations VALUES (99, 'future', now())");
    await expect(startTestEngine({ store: { type: 'postgres', dsn: server.dsn, schema: 'team_newer' } })).rejects.toThrow(/version 99, newer than this engine knows/);
  });

  it('leaves the files store as it was: /healthz has no store field', async () => {
    const engine = await startTestEngine({});
    try {
      expect(await healthOf(engine)).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      await engine.close();
    }
  });
});
