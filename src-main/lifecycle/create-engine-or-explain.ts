import { existsSync } from 'node:fs';
import { app } from 'electron';
import { ConfigLoadError, createEngine, type Engine } from '../../src-proxy/index';
import type { AppPaths } from '../resolve-app-paths';
import type { AppLog } from './app-log';
import { explainAndExit } from './explain-and-exit';

/** A config the engine refuses is explained (cause, log file), then the app quits rather than run half-configured. */
export async function createEngineOrExplain(paths: AppPaths, log: AppLog): Promise<Engine | null> {
  try {
    // Unpackaged, node_modules' better-sqlite3 is built for Node (tests); Electron gets its own copy.
    const sqliteBinding = !app.isPackaged && existsSync(paths.electronSqliteBinding) ? { sqliteNativeBinding: paths.electronSqliteBinding } : {};
    return await createEngine({ configPath: paths.configPath, logDestination: log.stream, ...sqliteBinding });
  } catch (error) {
    explainAndExit(error, log, { configPath: paths.configPath, isConfigProblem: error instanceof ConfigLoadError });
    return null;
  }
}
