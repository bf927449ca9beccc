import type pg from 'pg';
import type { AuthRecordCipher } from './auth-record-cipher';
import type { PostgresListenerLogger } from './postgres-listener';

/** What every part of the team store works with (handed out by PostgresStore). */
export interface PostgresParts {
  pool: pg.Pool;
  /** For a part's dedicated LISTEN connection. */
  clientConfig: pg.ClientConfig;
  schema: string;
  cipher: AuthRecordCipher;
  /** `updated_by` of what this engine writes. */
  instanceId: string;
  logger: PostgresListenerLogger;
}
