import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { EngineConfig } from '../../config/engine-config';
import { readInstanceId } from '../../store/instance-id';
import type { PostgresStore } from '../../store/postgres/postgres-store';
import { ConfigLoadError } from './load-engine-config';

/**
 * `store: postgres`: connects and migrates before anything reads accounts (docs/team-server.md); the
 * files store (the default, the desktop app's) opens nothing here. A database that cannot be reached or
 * migrated stops the engine from starting, with the reason, like an invalid config does.
 */
export async function openTeamStore(config: EngineConfig, logger: Logger, configPath: string): Promise<PostgresStore | undefined> {
  if (config.store.type === 'files') return undefined;
  try {
    // Loaded only here: the desktop app (files store) never loads the PostgreSQL driver.
    const { PostgresStore } = await import('../../store/postgres/postgres-store');
    const store = await PostgresStore.open(config.store, logger, { instanceId: readInstanceId(dirname(configPath)) });
    logger.info({ schema: store.schema, schemaVersion: store.schemaVersion, instance: store.instanceId }, 'team store ready');
    return store;
  } catch (error) {
    throw new ConfigLoadError(`The team store (store: postgres) could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}
