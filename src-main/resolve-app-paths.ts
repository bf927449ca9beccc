import { join, resolve } from 'node:path';

export interface AppPaths {
  /** The engine's config, shared with CLIProxyAPI users (~/.cli-proxy-api/config.yaml). */
  configPath: string;
  rendererIndexFile: string;
  preloadFile: string;
  assetsDir: string;
  /** better-sqlite3 built for Electron by scripts/prepare-electron-native.js (development only). */
  electronSqliteBinding: string;
}

/**
 * Where things are relative to the bundled main (dist-main/main.js). The same layout holds inside
 * app.asar, so this works unpackaged and packaged alike.
 */
export function resolveAppPaths(input: { mainDir: string; homeDir: string }): AppPaths {
  const appRoot = resolve(input.mainDir, '..');
  return {
    configPath: join(input.homeDir, '.cli-proxy-api', 'config.yaml'),
    rendererIndexFile: join(appRoot, 'dist-renderer', 'index.html'),
    preloadFile: join(input.mainDir, 'preload.cjs'),
    assetsDir: join(appRoot, 'assets'),
    electronSqliteBinding: join(appRoot, '.electron-native', 'better_sqlite3.node'),
  };
}
