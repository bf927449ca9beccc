import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, session } from 'electron';
import { appId } from './app-id';
import { setupIpc } from './ipc/setup-ipc';
import { withAppOperations } from './ipc/with-app-operations';
import { openAppLog, type AppLog } from './lifecycle/app-log';
import { createEngineOrExplain } from './lifecycle/create-engine-or-explain';
import { createErrorReporter } from './lifecycle/create-error-reporter';
import { explainAndExit } from './lifecycle/explain-and-exit';
import { finishLaunch } from './lifecycle/finish-launch';
import { setupAppEvents } from './lifecycle/setup-app-events';
import { setupAppShell } from './lifecycle/setup-app-shell';
import { setupGracefulQuit } from './lifecycle/setup-graceful-quit';
import { setupSessionEnd } from './lifecycle/setup-session-end';
import { setupLaunchAtLogin } from './lifecycle/setup-launch-at-login';
import { StopRequests } from './lifecycle/stop-requests';
import { followLogins } from './login/follow-logins';
import { trackStartedLoginPages } from './login/started-login-pages';
import { setupNotifications } from './notifications/setup-notifications';
import { resolveAppPaths, type AppPaths } from './resolve-app-paths';
import { loadAppSettings } from './settings/load-app-settings';
import { setupAppTray } from './tray/setup-app-tray';
import { setupPlatformDashboard } from './windows/setup-platform-dashboard';
import { setupUpdates } from './updates/setup-updates';
import { setupSessionSecurity } from './windows/setup-session-security';
import { setupTrayPopover } from './windows/setup-tray-popover';

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
  const onError = createErrorReporter(log);
  const renderer = await setupAppShell(paths, platform);
  const engine = await createEngineOrExplain(paths, log);
  if (engine === null) return;
  log.write('info', `Started ${app.getName()} ${app.getVersion()}`);
  const settings = loadAppSettings(log);
  const stops = new StopRequests();
  const updates = setupUpdates({ app, platform, resourcesPath: process.resourcesPath, settings, log });
  const control = withAppOperations(engine.control, { getSettings: settings.get, setSettings: settings.set, onStopRequested: () => stops.note(), updates });
  setupLaunchAtLogin(settings, platform, onError);
  setupSessionSecurity(session.defaultSession, renderer);
  const loginPages = trackStartedLoginPages(control);
  const dashboard = setupPlatformDashboard(renderer, paths, platform, loginPages, onError);
  setupIpc({ control, renderer });
  followLogins({ control, showLogin: (followed) => dashboard.showLogin(followed) });
  const popover = setupTrayPopover(platform, { renderer, preloadFile: paths.preloadFile, openDashboard: () => dashboard.open(), onError, isLoginPage: (url) => loginPages.has(url) });
  const tray = setupAppTray({ engine, control, settings, dashboard, popover, stops, updates, onError, assetsDir: paths.assetsDir, platform });
  setupNotifications({ control, settings: settings.get, status: () => engine.status(), consumeStopRequest: () => stops.consume(), onClick: () => dashboard.open() });
  setupGracefulQuit(app, () => engine.close(), { onError });
  setupSessionEnd(platform);
  setupAppEvents(dashboard, settings);
  await finishLaunch({ engine, settings, tray, dashboard, platform });
}

const paths = resolveAppPaths({ mainDir, homeDir: app.getPath('home') });
const appLog = openAppLog(app.getPath('logs'));
main(appLog, paths).catch((error: unknown) => explainAndExit(error, appLog, { configPath: paths.configPath, isConfigProblem: false }));
