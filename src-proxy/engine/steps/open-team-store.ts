import type { Logger } from 'pino';
import type { EngineConfig } from '../../config/engine-config';
import { PostgresStore } from '../../store/postgres/postgres-store';
import { ConfigLoadError } from './load-engine-config';

/**
 * `store: postgres`: connects and migrates before anything reads accounts (docs/team-server.md); the
 * files store (the default, the desktop app's) opens nothing here. A database that cannot be reached or
 * migrated stops the engine from starting, with the reason, like an invalid config does.
 */
export async function openTeamStore(config: EngineConfig, logger: Logger): Promise<PostgresStore | undefined> {
  if (config.store.type === 'files') return undefined;
  try {
    const store = await PostgresStore.open(config.store, logger);
    logger.info({ schema: store.schema, schemaVersion: store.schemaVersion }, 'team store ready');
    return store;
  } catch (error) {
    throw new ConfigLoadError(`The team store (store: postgres) could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}
