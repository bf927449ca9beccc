import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { StoreConfig } from '../store-config';

/** Where the DSN comes from when config.yaml's `store.dsn` is empty (keeps the password out of the file). */
export const dsnVariable = 'CLIPROXY_PG_DSN';

/** A connection attempt that takes longer fails: during an outage requests must not queue behind it. */
const connectTimeoutMs = 3_000;

export class StoreOpenError extends Error {}

export function resolveDsn(config: StoreConfig, env: NodeJS.ProcessEnv): string {
  const dsn = config.dsn !== '' ? config.dsn : (env[dsnVariable]?.trim() ?? '');
  if (dsn === '') throw new StoreOpenError(`store: postgres needs a DSN: set store.dsn in config.yaml or the ${dsnVariable} environment variable`);
  return dsn;
}

/** node-postgres `ssl` for `store.ssl-mode`; undefined leaves it to the DSN's `sslmode`. */
function sslOptions(config: StoreConfig): pg.PoolConfig['ssl'] {
  switch (config.sslMode) {
    case '':
      return undefined;
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return config.sslRootCert === '' ? { rejectUnauthorized: true } : { rejectUnauthorized: true, ca: readFileSync(config.sslRootCert, 'utf8') };
    default: {
      const unknown: never = config.sslMode;
      throw new StoreOpenError(`unknown store.ssl-mode ${String(unknown)}`);
    }
  }
}

/** One connection's settings: the pool's and the LISTEN connection's. */
export function postgresClientConfig(config: StoreConfig, dsn: string): pg.ClientConfig {
  const ssl = sslOptions(config);
  return { connectionString: dsn, ...(ssl === undefined ? {} : { ssl }), application_name: 'cliproxy', connectionTimeoutMillis: connectTimeoutMs };
}

/** The engine's connection pool; `onIdleError` hears of a pooled connection the server dropped (else Node would crash). */
export function createPostgresPool(clientConfig: pg.ClientConfig, onIdleError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig, max: 10 });
  pool.on('error', onIdleError);
  return pool;
}
