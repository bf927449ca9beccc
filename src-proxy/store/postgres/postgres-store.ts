import type pg from 'pg';
import type { StoreConfig } from '../store-config';
import type { StoreHealth } from '../store-health';
import { createPostgresPool, resolveDsn } from './postgres-pool';
import { runMigrations } from './run-migrations';

export interface PostgresStoreLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** The team server's database (docs/team-server.md): the pool, the schema brought up to date at open. */
export class PostgresStore {
  private constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
    readonly schemaVersion: number,
  ) {}

  /** Connects and runs the migrations; throws (StoreOpenError, or the driver's error) when it cannot. */
  static async open(config: StoreConfig, logger: PostgresStoreLogger, env: NodeJS.ProcessEnv = process.env): Promise<PostgresStore> {
    const pool = createPostgresPool(config, resolveDsn(config, env), (error) => logger.warn({ error: error.message }, 'team store connection lost'));
    try {
      const version = await runMigrations(pool, config.schema);
      return new PostgresStore(pool, config.schema, version);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** Asks the database now (bounded by the pool's connect timeout). */
  async health(): Promise<StoreHealth> {
    const state = await this.pool.query('SELECT 1').then(
      () => 'ready' as const,
      () => 'unreachable' as const,
    );
    return { type: 'postgres', state, schemaVersion: this.schemaVersion };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
