import { BrowserWindow, nativeTheme, shell } from 'electron';
import { isTrustedRendererUrl, type RendererLocation } from './renderer-location';
import { isAllowedLoginUrl } from '../login/login-url-policy';
import { isAllowedExternalUrl } from './window-policy';

export interface DashboardWindowOptions {
  renderer: RendererLocation;
  preloadFile: string;
  /** Linux only: the window icon (macOS and Windows take it from the bundle / the .exe). */
  iconFile?: string;
  onError(error: unknown): void;
}

/**
 * The hardened dashboard window (Electron security checklist): isolated, sandboxed, no Node, no
 * webviews, no navigation away from our page, no new windows (allowlisted https links open in the
 * browser instead). Permissions and the CSP are per session: see setup-session-security.ts.
 */
export function createDashboardWindow(options: DashboardWindowOptions, route: string | null = null): BrowserWindow {
  const { renderer } = options;
  const window = new BrowserWindow({
    width: 1000,
    height: 700,
    minWidth: 640,
    minHeight: 460,
    show: false,
    title: 'CLI Proxy Desktop',
    ...(options.iconFile === undefined ? {} : { icon: options.iconFile }),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1f22' : '#ffffff',
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  contents.on('will-navigate', (event) => {
    if (!isTrustedRendererUrl(event.url, renderer)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedRendererUrl(event.url, renderer)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Documentation links, and the providers' login pages the Accounts page links to.
    if (isAllowedExternalUrl(url) || isAllowedLoginUrl(url)) shell.openExternal(url).catch(options.onError);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  loadDashboard(window, renderer, route).catch(options.onError);
  return window;
}

/** Loads our page, at a hash route (`/accounts?follow=…`) when given. */
export function loadDashboard(window: BrowserWindow, renderer: RendererLocation, route: string | null): Promise<void> {
  if (renderer.kind === 'file') return window.loadFile(renderer.indexFile, route === null ? {} : { hash: route });
  return window.loadURL(route === null ? renderer.url : `${renderer.url}#${route}`);
}
