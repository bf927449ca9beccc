import type pg from 'pg';
import type { CredentialHealth } from '../../routing/credential-health';
import type { UsageStore } from '../../usage/usage-store';
import type { StoreConfig } from '../store-config';
import type { StoreHealth } from '../store-health';
import { AuthRecordCipher } from './auth-record-cipher';
import { PostgresAuthSource } from './postgres-auth-source';
import { createPostgresPool, postgresClientConfig, resolveDsn } from './postgres-pool';
import { runMigrations } from './run-migrations';
import { SharedCooldowns } from './shared-cooldowns';
import { SharedSetting } from './shared-setting';
import { UsageShipper, type UsageShipperLogger } from './usage-shipper';

export type PostgresStoreLogger = UsageShipperLogger;

export interface PostgresStoreOpenOptions {
  /** This engine's stable name (instance-id.ts). */
  instanceId: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The team server's database (docs/team-server.md): the pool, the schema brought up to date at open, the
 * cipher for tokens at rest, this engine's instance id (`updated_by` and usage rows), the usage shipper,
 * the shared cooldowns.
 */
export class PostgresStore {
  private shipper: UsageShipper | null = null;
  private cooldowns: SharedCooldowns | null = null;
  private readonly settings: Array<SharedSetting<unknown>> = [];

  private constructor(
    readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    readonly schema: string,
    readonly schemaVersion: number,
    private readonly cipher: AuthRecordCipher,
    private readonly logger: PostgresStoreLogger,
    readonly instanceId: string,
  ) {}

  /** Connects and runs the migrations; throws (StoreOpenError, or the driver's error) when it cannot. */
  static async open(config: StoreConfig, logger: PostgresStoreLogger, options: PostgresStoreOpenOptions): Promise<PostgresStore> {
    const env = options.env ?? process.env;
    const dsn = resolveDsn(config, env);
    const cipher = AuthRecordCipher.fromEnvironment(env);
    const clientConfig = postgresClientConfig(config, dsn);
    const pool = createPostgresPool(clientConfig, (error) => logger.warn({ error: error.message }, 'team store connection lost'));
    try {
      const version = await runMigrations(pool, config.schema);
      return new PostgresStore(pool, clientConfig, config.schema, version, cipher, logger, options.instanceId);
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

  /** Starts copying `usage`'s rows to the team's history (every second; `close` sends the rest). */
  shipUsage(usage: UsageStore): void {
    this.shipper ??= new UsageShipper({ pool: this.pool, schema: this.schema, instanceId: this.instanceId, usage, logger: this.logger });
    this.shipper.start();
  }

  /** Shares `health`'s cooldowns with the team's other engines (both ways, live). */
  async shareCooldowns(health: CredentialHealth): Promise<void> {
    this.cooldowns ??= new SharedCooldowns({ pool: this.pool, clientConfig: this.clientConfig, schema: this.schema, instanceId: this.instanceId, logger: this.logger });
    await this.cooldowns.attach(health);
  }

  /** One config key the team shares (shared-setting.ts); stopped with the store. */
  sharedSetting<T>(key: string, parse: (value: unknown) => T | null): SharedSetting<T> {
    const setting = new SharedSetting({ pool: this.pool, clientConfig: this.clientConfig, schema: this.schema, cipher: this.cipher, instanceId: this.instanceId, logger: this.logger }, key, parse);
    this.settings.push(setting);
    return setting;
  }

  /** Before the local usage history closes: the shipper's last attempt reads it. */
  async close(): Promise<void> {
    this.cooldowns?.stop();
    for (const setting of this.settings) setting.stop();
    await this.shipper?.stop();
    await this.pool.end();
  }
}
