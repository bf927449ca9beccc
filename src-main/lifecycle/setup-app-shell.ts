import { app, Menu } from 'electron';
import { buildAppMenu } from '../menu/build-app-menu';
import type { AppPaths } from '../resolve-app-paths';
import { resolveRendererLocation, type RendererLocation } from '../windows/renderer-location';

/** The app before the engine: sandboxing, Electron ready, the app menu, and which renderer is ours. */
export async function setupAppShell(paths: AppPaths, platform: NodeJS.Platform): Promise<RendererLocation> {
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
  return renderer;
}
