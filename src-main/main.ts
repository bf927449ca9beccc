import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, dialog, session, shell } from 'electron';
import { createEngine, type Engine } from '../src-proxy/index';
import { setupIpc } from './ipc/setup-ipc';
import { withAppOperations } from './ipc/with-app-operations';
import { setupGracefulQuit } from './lifecycle/setup-graceful-quit';
import { startLoginFromTray } from './login/start-login-from-tray';
import { setupNotifications } from './notifications/setup-notifications';
import { resolveAppPaths } from './resolve-app-paths';
import { setupAppSettings } from './settings/setup-app-settings';
import type { TrayAction } from './tray/build-tray-menu';
import { RequestsToday } from './tray/requests-today';
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
/** Launch at login exists on macOS and Windows; Linux desktops each do it differently. */
const launchAtLoginSupported = process.platform === 'darwin' || process.platform === 'win32';

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

  const settings = setupAppSettings();
  let stopRequested = false;
  const requestStop = (): void => {
    stopRequested = true;
  };
  const control = withAppOperations(engine.control, { getSettings: settings.get, setSettings: settings.set, onStopRequested: requestStop });
  const applyLaunchAtLogin = (): void => {
    if (launchAtLoginSupported) app.setLoginItemSettings({ openAtLogin: settings.get().launchAtLogin, args: ['--hidden'] });
  };
  applyLaunchAtLogin();
  settings.onChange(applyLaunchAtLogin);

  setupSessionSecurity(session.defaultSession, renderer);
  const dashboard = setupDashboardWindow({ renderer, preloadFile: paths.preloadFile, onError: logError });
  setupIpc({ control, renderer });

  const requestsToday = new RequestsToday(control);
  const runTrayAction = (action: TrayAction): void => {
    switch (action.kind) {
      case 'toggle-proxy':
        if (engine.status().state === 'running') requestStop();
        (engine.status().state === 'running' ? engine.stop() : engine.start()).catch(logError);
        return;
      case 'copy-url': {
        const { baseUrl } = engine.status();
        if (baseUrl !== null) clipboard.writeText(baseUrl);
        return;
      }
      case 'copy-api-key':
        control.invoke('connection.revealApiKey', {}).then(({ apiKey }) => {
          if (apiKey !== null) clipboard.writeText(apiKey);
        }, logError);
        return;
      case 'login':
        startLoginFromTray(action.provider, { control, openExternal: (url) => shell.openExternal(url), showAccounts: () => dashboard.open() }).catch(logError);
        return;
      case 'open-dashboard':
        dashboard.open();
        return;
      case 'toggle-launch-at-login':
        settings.set({ launchAtLogin: !settings.get().launchAtLogin });
        return;
      case 'quit':
        app.quit();
        return;
      default: {
        const unreachable: never = action;
        logError(new Error(`Unknown tray action ${JSON.stringify(unreachable)}`));
      }
    }
  };
  keepAlive.tray = setupTray({
    state: () => ({ status: engine.status(), requestsToday: requestsToday.value(), launchAtLogin: settings.get().launchAtLogin, launchAtLoginSupported }),
    onChange: (render) => {
      const unsubscribers = [
        engine.onStatusChange(render),
        settings.onChange(render),
        control.on('request.finished', (summary) => {
          requestsToday.add(summary.at);
          render();
        }),
      ];
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
    },
    run: runTrayAction,
    openDashboard: () => dashboard.open(),
    assetsDir: paths.assetsDir,
  });
  setupNotifications({
    control,
    settings: settings.get,
    status: () => engine.status(),
    consumeStopRequest: () => {
      const requested = stopRequested;
      stopRequested = false;
      return requested;
    },
    onClick: () => dashboard.open(),
  });
  setupGracefulQuit(app, () => engine.close(), { onError: logError });
  app.on('second-instance', () => dashboard.open());
  app.on('activate', () => dashboard.open());
  // A tray app: closing the last window keeps the proxy running, unless the user turned that off.
  app.on('window-all-closed', () => {
    if (!settings.get().closeToTray) app.quit();
  });

  // Failures become status 'error', shown in the tray and the dashboard.
  if (settings.get().startProxyOnLaunch) await engine.start();
  await requestsToday.refresh();
  if (!process.argv.includes('--hidden')) dashboard.open();
}

/** A config the engine refuses is explained once, then the app quits rather than run half-configured. */
async function createEngineOrExplain(): Promise<Engine | null> {
  try {
    // Unpackaged, node_modules' better-sqlite3 is built for Node (tests); Electron gets its own copy.
    const sqliteBinding = !app.isPackaged && existsSync(paths.electronSqliteBinding) ? { sqliteNativeBinding: paths.electronSqliteBinding } : {};
    return await createEngine({ configPath: paths.configPath, ...sqliteBinding });
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
