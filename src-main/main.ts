import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, dialog, Menu, session, shell } from 'electron';
import { ConfigLoadError, createEngine, type Engine } from '../src-proxy/index';
import { appId } from './app-id';
import { setupIpc } from './ipc/setup-ipc';
import { withAppOperations } from './ipc/with-app-operations';
import { openAppLog, type AppLog } from './lifecycle/app-log';
import { explainStartupFailure } from './lifecycle/explain-startup-failure';
import { applyLaunchAtLogin, wasLaunchedAtLogin } from './lifecycle/launch-at-login';
import { setupGracefulQuit } from './lifecycle/setup-graceful-quit';
import { followLogins, startLoginFromTray } from './login/follow-logins';
import { buildAppMenu } from './menu/build-app-menu';
import { setupNotifications } from './notifications/setup-notifications';
import { resolveAppPaths, type AppPaths } from './resolve-app-paths';
import { setupAppSettings } from './settings/setup-app-settings';
import type { TrayAction } from './tray/build-tray-menu';
import { RequestsToday } from './tray/requests-today';
import { setupTray } from './tray/setup-tray';
import { setupUpdates } from './updates/setup-updates';
import { resolveRendererLocation } from './windows/renderer-location';
import { setupDashboardWindow } from './windows/setup-dashboard-window';
import { setupSessionSecurity } from './windows/setup-session-security';

/**
 * Electron main: thin glue. The engine runs in this process (src-proxy is plain Node); everything with
 * logic lives in plain modules next to this file. Launched at login (lifecycle/launch-at-login.ts): no window.
 */
const mainDir = dirname(fileURLToPath(import.meta.url));
const platform = process.platform;

// Windows: the NSIS shortcut carries appId as its AppUserModelID; claim the same one before any window or
// toast, or notifications are dropped and the taskbar groups the app apart from its shortcut.
if (platform === 'win32') app.setAppUserModelId(appId);

async function main(log: AppLog, paths: AppPaths): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const logError = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    log.write('error', message);
    console.error('[cliproxy]', message);
  };
  // Every renderer sandboxed, whatever a future window's webPreferences say (must precede 'ready').
  app.enableSandbox();
  const renderer = resolveRendererLocation({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.VITE_DEV_SERVER_URL,
    indexFile: paths.rendererIndexFile,
  });
  await app.whenReady();
  const appMenu = buildAppMenu(platform);
  Menu.setApplicationMenu(appMenu === null ? null : Menu.buildFromTemplate(appMenu));
  // macOS: a menu-bar app. No Dock icon while only the tray is there (the bundle says LSUIElement; this
  // covers `npm start`); the Dock icon shows while the dashboard is open.
  if (platform === 'darwin') app.dock?.hide();

  const engine = await createEngineOrExplain(paths, log);
  if (engine === null) return;
  log.write('info', `Started ${app.getName()} ${app.getVersion()}`);

  const settings = setupAppSettings(app.getPath('userData'));
  if (settings.recoveredFrom !== null) {
    log.write('warn', `The settings file could not be read; kept as ${settings.recoveredFrom}; using defaults`);
    void dialog.showMessageBox({ type: 'warning', message: 'Your app settings could not be read', detail: `They were reset to the defaults. The damaged file was kept as:\n${settings.recoveredFrom}` });
  }
  let stopRequested = false;
  const requestStop = (): void => {
    stopRequested = true;
  };
  const updates = setupUpdates({ app, platform, resourcesPath: process.resourcesPath, settings, log });
  const control = withAppOperations(engine.control, { getSettings: settings.get, setSettings: settings.set, onStopRequested: requestStop, updates });
  const launchAtLoginTarget = {
    platform,
    app,
    configHome: process.env.XDG_CONFIG_HOME ?? join(app.getPath('home'), '.config'),
    command: app.isPackaged ? [process.env.APPIMAGE ?? process.execPath] : [process.execPath, app.getAppPath()],
  };
  const syncLaunchAtLogin = (): void => {
    applyLaunchAtLogin(launchAtLoginTarget, settings.get().launchAtLogin).catch(logError);
  };
  syncLaunchAtLogin();
  settings.onChange(syncLaunchAtLogin);

  setupSessionSecurity(session.defaultSession, renderer);
  const dashboard = setupDashboardWindow(
    { renderer, preloadFile: paths.preloadFile, onError: logError, ...(platform === 'linux' ? { iconFile: join(paths.assetsDir, 'icon.png') } : {}) },
    platform === 'darwin' ? { onOpened: () => void app.dock?.show(), onClosed: () => app.dock?.hide() } : {},
  );
  setupIpc({ control, renderer });
  followLogins({ control, showLogin: (followed) => dashboard.showLogin(followed) });

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
        startLoginFromTray(action.provider, { control, openExternal: (url) => shell.openExternal(url), showLogin: (followed) => dashboard.showLogin(followed) }).catch(logError);
        return;
      case 'open-dashboard':
        dashboard.open();
        return;
      case 'toggle-launch-at-login':
        settings.set({ launchAtLogin: !settings.get().launchAtLogin });
        return;
      case 'updates':
        if (action.step === 'check') void updates.check('user');
        else updates.installNow();
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
  const tray = setupTray({
    state: () => ({ status: engine.status(), requestsToday: requestsToday.value(), launchAtLogin: settings.get().launchAtLogin, launchAtLoginSupported: true, update: updates.state().status }),
    run: runTrayAction,
    openDashboard: () => dashboard.open(),
    assetsDir: paths.assetsDir,
    platform,
  });
  keepAlive.tray = tray.tray;
  engine.onStatusChange(() => tray.update());
  settings.onChange(() => tray.update());
  updates.onChange(() => tray.update());
  // On the engine's request path: count and schedule, nothing more (the tray updates later, coalesced).
  control.on('request.finished', (summary) => {
    requestsToday.add(summary.at);
    tray.update();
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
  tray.update();
  if (!wasLaunchedAtLogin(platform, process.argv, () => app.getLoginItemSettings())) dashboard.open();
}

/** A config the engine refuses is explained (cause, log file), then the app quits rather than run half-configured. */
async function createEngineOrExplain(paths: AppPaths, log: AppLog): Promise<Engine | null> {
  try {
    // Unpackaged, node_modules' better-sqlite3 is built for Node (tests); Electron gets its own copy.
    const sqliteBinding = !app.isPackaged && existsSync(paths.electronSqliteBinding) ? { sqliteNativeBinding: paths.electronSqliteBinding } : {};
    return await createEngine({ configPath: paths.configPath, logDestination: log.stream, ...sqliteBinding });
  } catch (error) {
    explainAndExit(error, log, { configPath: paths.configPath, isConfigProblem: error instanceof ConfigLoadError });
    return null;
  }
}

function explainAndExit(error: unknown, log: AppLog, where: { configPath: string; isConfigProblem: boolean }): void {
  const explained = explainStartupFailure(error, { logFile: log.path, ...where });
  log.write('error', `${explained.title}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  dialog.showErrorBox(explained.title, explained.content);
  app.exit(1);
}

/** Module-level references so the tray is not garbage-collected (it would vanish from the menu bar). */
const keepAlive: { tray: unknown } = { tray: null };

const paths = resolveAppPaths({ mainDir, homeDir: app.getPath('home') });
const appLog = openAppLog(app.getPath('logs'));
main(appLog, paths).catch((error: unknown) => explainAndExit(error, appLog, { configPath: paths.configPath, isConfigProblem: false }));
