import type pg from 'pg';
import { migrations as knownMigrations, type Migration } from './migrations';
import { StoreOpenError } from './postgres-pool';

/**
 * Brings `schema` to the newest migration, in one transaction under an advisory lock: engines starting
 * together apply each migration once, and a failed migration leaves the schema as it was. A schema
 * already newer than this build (a newer engine ran) is refused: this engine would misread it.
 * Resolves with the schema's version.
 */
export async function runMigrations(pool: pg.Pool, schema: string, migrations: readonly Migration[] = knownMigrations): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cliproxy-migrations:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const current = await currentVersion(client, schema);
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) throw new StoreOpenError(`the ${schema} schema is at version ${current}, newer than this engine knows (${newest}): update the engine`);
    for (const migration of migrations.filter((candidate) => candidate.version > current)) {
      await client.query(migration.sql(schema));
      await client.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return Math.max(current, newest);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function currentVersion(client: pg.PoolClient, schema: string): Promise<number> {
  const result = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${schema}.schema_migrations`);
  return result.rows[0]?.version ?? 0;
}
