import { join } from 'node:path';
import { app } from 'electron';
import type { StartedLoginPages } from '../login/started-login-pages';
import type { AppPaths } from '../resolve-app-paths';
import type { RendererLocation } from './renderer-location';
import { setupDashboardWindow, type DashboardWindowHandle } from './setup-dashboard-window';

/** The dashboard window with each platform's extras: the window icon on Linux, the Dock icon while it is open on macOS. */
export function setupPlatformDashboard(renderer: RendererLocation, paths: AppPaths, platform: NodeJS.Platform, loginPages: StartedLoginPages, onError: (error: unknown) => void): DashboardWindowHandle {
  return setupDashboardWindow(
    { renderer, preloadFile: paths.preloadFile, onError, isLoginPage: (url) => loginPages.has(url), ...(platform === 'linux' ? { iconFile: join(paths.assetsDir, 'icon.png') } : {}) },
    platform === 'darwin' ? { onOpened: () => void app.dock?.show(), onClosed: () => app.dock?.hide() } : {},
  );
}
