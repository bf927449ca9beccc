import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session } from 'electron';
import { createEngine, type Engine } from '../src-proxy/index';
import { setupIpc } from './ipc/setup-ipc';
import { setupGracefulQuit } from './lifecycle/setup-graceful-quit';
import { resolveAppPaths } from './resolve-app-paths';
import { setupTray } from './tray/setup-tray';
import { resolveRendererLocation } from './windows/renderer-location';
import { setupDashboardWindow } from './windows/setup-dashboard-window';
import { setupSessionSecurity } from './windows/setup-session-security';

/**
 * Electron main: thin glue. The engine runs in this process (src-proxy is plain Node); everything with
 * logic lives in plain modules next to this file. Launched with --hidden (launch at login), no window.
 */
const mainDir = dirname(fileURLToPath(import.meta.url));
const paths = resolveAppPaths({ mainDir, homeDir: homedir() });

function logError(error: unknown): void {
  console.error('[cliproxy]', error instanceof Error ? error.message : String(error));
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever a future window's webPreferences say (must precede 'ready').
  app.enableSandbox();
  const renderer = resolveRendererLocation({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.VITE_DEV_SERVER_URL,
    indexFile: paths.rendererIndexFile,
  });
  await app.whenReady();
  const engine = await createEngineOrExplain();
  if (engine === null) return;

  setupSessionSecurity(session.defaultSession, renderer);
  const dashboard = setupDashboardWindow({ renderer, preloadFile: paths.preloadFile, onError: logError });
  setupIpc({ control: engine.control, renderer });
  keepAlive.tray = setupTray({
    status: () => engine.status(),
    onStatusChange: (listener) => engine.onStatusChange(listener),
    startProxy: () => engine.start(),
    stopProxy: () => engine.stop(),
    openDashboard: () => dashboard.open(),
    quit: () => app.quit(),
    assetsDir: paths.assetsDir,
    onError: logError,
  });
  setupGracefulQuit(app, () => engine.stop(), { onError: logError });
  app.on('second-instance', () => dashboard.open());
  app.on('activate', () => dashboard.open());
  // A tray app: closing the last window keeps the proxy running. Quit is in the tray menu.
  app.on('window-all-closed', () => undefined);

  await engine.start(); // failures become status 'error', shown in the tray and the dashboard
  if (!process.argv.includes('--hidden')) dashboard.open();
}

/** A config the engine refuses is explained once, then the app quits rather than run half-configured. */
async function createEngineOrExplain(): Promise<Engine | null> {
  try {
    return await createEngine({ configPath: paths.configPath });
  } catch (error) {
    dialog.showErrorBox('CLI Proxy Desktop cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return null;
  }
}

/** Module-level references so the tray is not garbage-collected (it would vanish from the menu bar). */
const keepAlive: { tray: unknown } = { tray: null };

main().catch((error: unknown) => {
  logError(error);
  app.exit(1);
});
