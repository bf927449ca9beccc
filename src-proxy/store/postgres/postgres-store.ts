import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import type { StoreConfig } from '../store-config';
import type { StoreHealth } from '../store-health';
import { AuthRecordCipher } from './auth-record-cipher';
import { PostgresAuthSource } from './postgres-auth-source';
import { createPostgresPool, postgresClientConfig, resolveDsn } from './postgres-pool';
import { runMigrations } from './run-migrations';

export interface PostgresStoreLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * The team server's database (docs/team-server.md): the pool, the schema brought up to date at open, the
 * cipher for tokens at rest, and this engine's instance id (`updated_by` of what it writes).
 */
export class PostgresStore {
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  private constructor(
    readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    readonly schema: string,
    readonly schemaVersion: number,
    private readonly cipher: AuthRecordCipher,
    private readonly logger: PostgresStoreLogger,
  ) {}

  /** Connects and runs the migrations; throws (StoreOpenError, or the driver's error) when it cannot. */
  static async open(config: StoreConfig, logger: PostgresStoreLogger, env: NodeJS.ProcessEnv = process.env): Promise<PostgresStore> {
    const dsn = resolveDsn(config, env);
    const cipher = AuthRecordCipher.fromEnvironment(env);
    const clientConfig = postgresClientConfig(config, dsn);
    const pool = createPostgresPool(clientConfig, (error) => logger.warn({ error: error.message }, 'team store connection lost'));
    try {
      const version = await runMigrations(pool, config.schema);
      return new PostgresStore(pool, clientConfig, config.schema, version, cipher, logger);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** The auth files as rows of `<schema>.auth_records`, for an AuthStore. */
  authSource(): PostgresAuthSource {
    return new PostgresAuthSource({ pool: this.pool, clientConfig: this.clientConfig, schema: this.schema, cipher: this.cipher, instanceId: this.instanceId, logger: this.logger });
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
