import { dirname } from 'node:path';
import { AuthFolder } from './auth-store/auth-folder';
import { parseAuthFile } from './auth-store/auth-record';
import { formatConfigProblems, loadConfigFile } from './config/load-config';
import { providerByAuthFileType } from './providers/registry';
import { copyAuthFiles } from './store/copy-auth-files';
import type { StoreConfig } from './store/store-config';
import { PostgresStore } from './store/postgres/postgres-store';

/** A command's warnings go to stderr (no pino log in a one-shot command). */
const commandLogger = {
  warn: (details: Record<string, unknown>, message: string) => process.stderr.write(`warning: ${message} ${JSON.stringify(details)}\n`),
  info: () => undefined,
};

/**
 * The team database for a one-shot command (`store`, `login`): it must be reachable, there is no local
 * copy to fall back on. Resolves with the store, or with the message to print.
 */
export async function openStoreForCommand(config: StoreConfig, configPath: string): Promise<PostgresStore | string> {
  try {
    return await PostgresStore.open(config, commandLogger, { dataFolder: dirname(configPath) });
  } catch (error) {
    return `The team store could not be opened: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** `cliproxy store import|export`: auth files between a folder and the `store: postgres` database (docs/team-server.md#import-and-export). */
export async function runStoreCommand(configPath: string, direction: string | undefined, dir: string | undefined, fail: (message: string) => number): Promise<number> {
  if (direction !== 'import' && direction !== 'export') return fail('cliproxy store needs import or export (cliproxy --help).');
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) return fail(formatConfigProblems(loaded.problems, configPath));
  if (loaded.config.store.type !== 'postgres') return fail(`${configPath} does not use the team store (store: postgres).`);
  const opened = await openStoreForCommand(loaded.config.store, configPath);
  if (typeof opened === 'string') return fail(opened);
  const store = opened;
  try {
    const folder = new AuthFolder(dir ?? loaded.config.authDir, (name, text) => parseAuthFile(name, text, providerByAuthFileType).ok, commandLogger);
    const database = store.authSource();
    const names = direction === 'import' ? await copyAuthFiles(folder, database) : await copyAuthFiles(database, folder);
    const [from, to] = direction === 'import' ? [folder.location, database.location] : [database.location, folder.location];
    process.stdout.write(`Copied ${names.length} auth file(s) from ${from} to ${to}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
