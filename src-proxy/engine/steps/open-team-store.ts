import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { EngineConfig } from '../../config/engine-config';
import type { PostgresStore } from '../../store/postgres/postgres-store';
import { ConfigLoadError } from './load-engine-config';

/**
 * `store: postgres`: connects and migrates before anything reads accounts (docs/team-server.md); the
 * files store (the default, the desktop app's) opens nothing here. A database that cannot be reached is
 * not fatal while the engine holds a local copy of the accounts (it joins later); without one, or when
 * the database refuses or cannot be migrated, the engine does not start and says why, like an invalid
 * config.
 */
export async function openTeamStore(config: EngineConfig, logger: Logger, configPath: string): Promise<PostgresStore | undefined> {
  if (config.store.type === 'files') return undefined;
  try {
    // Loaded only here: the desktop app (files store) never loads the PostgreSQL driver.
    const { PostgresStore } = await import('../../store/postgres/postgres-store');
    const store = await PostgresStore.open(config.store, logger, { dataFolder: dirname(configPath), startWithoutDatabase: true });
    logger.info({ schema: store.schema, schemaVersion: store.schemaVersion, instance: store.instanceId }, 'team store ready');
    return store;
  } catch (error) {
    throw new ConfigLoadError(`The team store (store: postgres) could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}
