import type pg from 'pg';
import type { QuotaService } from '../../quota/quota-service';
import type { CredentialHealth } from '../../routing/credential-health';
import type { UsageStore } from '../../usage/usage-store';
import type { StoreConfig } from '../store-config';
import { readInstanceId } from '../instance-id';
import type { StoreHealth } from '../store-health';
import { AuthRecordCipher } from './auth-record-cipher';
import { AuthRecordsCache, authRecordsCacheFileName } from './auth-records-cache';
import { PostgresAuthSource } from './postgres-auth-source';
import type { PostgresParts } from './postgres-parts';
import { createPostgresPool, postgresClientConfig, resolveDsn, StoreOpenError } from './postgres-pool';
import { runMigrations } from './run-migrations';
import { SharedCooldowns } from './shared-cooldowns';
import { SharedQuotaReadings } from './shared-quota-readings';
import { SharedSettings } from './shared-settings';
import { TeamUsageQueries } from './team-usage-queries';
import { UsageShipper, type UsageShipperLogger } from './usage-shipper';

export type PostgresStoreLogger = UsageShipperLogger;

export interface PostgresStoreOpenOptions {
  /** The engine's data folder (beside config.yaml): its instance id and the local copy of the accounts. */
  dataFolder: string;
  env?: NodeJS.ProcessEnv;
  /**
   * An engine (not the `store` command) that cannot reach the database starts from the local copy of the
   * accounts and joins once the database answers (docs/team-server.md#starting-without-the-database).
   */
  startWithoutDatabase?: boolean;
}

/** Between attempts to join the team when the engine started without the database. */
const joinRetryMs = 1_000;

/**
 * The team server's database (docs/team-server.md): the pool, the schema brought up to date at open (or,
 * started without the database, as soon as it answers), the cipher for tokens at rest, this engine's
 * instance id (`updated_by` and usage rows), the local copy of the accounts, the usage shipper, the shared
 * cooldowns and settings.
 */
export class PostgresStore {
  readonly instanceId: string;
  private shipper: UsageShipper | null = null;
  private cooldowns: SharedCooldowns | null = null;
  private quotaReadings: SharedQuotaReadings | null = null;
  private settings: SharedSettings | null = null;
  private readonly cache: AuthRecordsCache;
  private joinTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    readonly schema: string,
    /** null until this engine, started without the database, has joined. */
    private version: number | null,
    private readonly cipher: AuthRecordCipher,
    private readonly logger: PostgresStoreLogger,
    dataFolder: string,
  ) {
    this.instanceId = readInstanceId(dataFolder);
    this.cache = new AuthRecordsCache(dataFolder, schema);
  }

  /**
   * Connects and runs the migrations; throws (StoreOpenError, or the driver's error) when it cannot. With
   * `startWithoutDatabase`, a database that cannot be reached is not fatal while a local copy of the
   * accounts exists: the store opens without it and keeps trying to join.
   */
  static async open(config: StoreConfig, logger: PostgresStoreLogger, options: PostgresStoreOpenOptions): Promise<PostgresStore> {
    const env = options.env ?? process.env;
    const dsn = resolveDsn(config, env);
    const cipher = AuthRecordCipher.fromEnvironment(env);
    const clientConfig = postgresClientConfig(config, dsn);
    const pool = createPostgresPool(clientConfig, (error) => logger.warn({ error: error.message }, 'team store connection lost'));
    const opened = (version: number | null) => new PostgresStore(pool, clientConfig, config.schema, version, cipher, logger, options.dataFolder);
    try {
      return opened(await runMigrations(pool, config.schema));
    } catch (error) {
      if (options.startWithoutDatabase === true && isUnreachable(error)) {
        const store = opened(null);
        if (store.cache.load() !== null) {
          logger.warn({ error: errorText(error) }, 'team store unreachable at start: serving the accounts of the local copy, joining when it answers');
          store.joinWhenReachable();
          return store;
        }
        await pool.end();
        throw new StoreOpenError(`the database cannot be reached (${errorText(error)}) and this engine has no local copy of the team's accounts (${authRecordsCacheFileName}, written while connected): start it once with the database reachable`);
      }
      await pool.end();
      throw error;
    }
  }

  /** The newest migration applied to the schema; null while not joined. */
  get schemaVersion(): number | null {
    return this.version;
  }

  /** The auth files as rows of `<schema>.auth_records`, for an AuthStore. */
  authSource(): PostgresAuthSource {
    return new PostgresAuthSource({ ...this.parts(), cache: this.cache });
  }

  /** Asks the database now (bounded by the pool's connect timeout); not joined yet reads as unreachable. */
  async health(): Promise<StoreHealth> {
    if (this.version === null) return { type: 'postgres', state: 'unreachable', schemaVersion: null, accounts: 'local-copy' };
    const state = await this.pool.query('SELECT 1').then(
      () => 'ready' as const,
      () => 'unreachable' as const,
    );
    return { type: 'postgres', state, schemaVersion: this.version };
  }

  /** The whole team's usage history, for the management usage routes' `scope=team`. */
  teamUsage(): TeamUsageQueries {
    return new TeamUsageQueries(this.pool, this.schema);
  }

  /** Starts copying `usage`'s rows to the team's history (every second; `close` sends the rest). */
  shipUsage(usage: UsageStore): void {
    this.shipper ??= new UsageShipper({ pool: this.pool, schema: this.schema, instanceId: this.instanceId, usage, logger: this.logger });
    this.shipper.start();
  }

  /** Shares `health`'s cooldowns with the team's other engines (both ways, live). */
  async shareCooldowns(health: CredentialHealth): Promise<void> {
    this.cooldowns ??= new SharedCooldowns(this.parts());
    await this.cooldowns.attach(health);
  }

  /** Shares `quota`'s readings with the team's other engines (both ways, throttled). */
  async shareQuotaReadings(quota: QuotaService): Promise<void> {
    this.quotaReadings ??= new SharedQuotaReadings(this.parts());
    await this.quotaReadings.attach(quota);
  }

  /** The config keys the team shares (shared-settings.ts); stopped with the store. */
  sharedSettings(keys: readonly string[]): SharedSettings {
    this.settings ??= new SharedSettings(this.parts(), keys);
    return this.settings;
  }

  /** Before the local usage history closes: the shipper's last attempt reads it. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    this.cooldowns?.stop();
    this.quotaReadings?.stop();
    this.settings?.stop();
    await this.shipper?.stop();
    await this.pool.end();
  }

  private parts(): PostgresParts {
    return { pool: this.pool, clientConfig: this.clientConfig, schema: this.schema, cipher: this.cipher, instanceId: this.instanceId, logger: this.logger };
  }

  /**
   * Started without the database: migrate as soon as it answers. What else needs it catches up by itself:
   * the LISTEN connections reread when they connect, the usage shipper sends its backlog.
   */
  private joinWhenReachable(): void {
    this.joinTimer = setTimeout(() => {
      this.joinTimer = null;
      runMigrations(this.pool, this.schema).then(
        (version) => {
          this.version = version;
          this.logger.info({ schema: this.schema, schemaVersion: version }, 'team store reachable: joined the team');
        },
        () => {
          if (this.version === null && !this.closed) this.joinWhenReachable();
        },
      );
    }, joinRetryMs);
    this.joinTimer.unref();
  }
}

/** A database that is down or unreachable (not one that refused us, nor a schema we cannot use). */
function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P03'].includes(code)) return true;
  return error instanceof Error && /timeout|Connection terminated/i.test(error.message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
