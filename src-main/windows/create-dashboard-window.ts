import { BrowserWindow, nativeTheme } from 'electron';
import { guardContents, hardenedWebPreferences } from './harden-window';
import type { RendererLocation } from './renderer-location';

export interface DashboardWindowOptions {
  renderer: RendererLocation;
  preloadFile: string;
  /** Linux only: the window icon (macOS and Windows take it from the bundle / the .exe). */
  iconFile?: string;
  onError(error: unknown): void;
  /** Whether a URL is the page of a login the engine started (login/started-login-pages.ts). */
  isLoginPage(url: string): boolean;
}

/**
 * The hardened dashboard window (harden-window.ts: isolated, sandboxed, no navigation away from our page,
 * no new windows). Permissions and the CSP are per session: see setup-session-security.ts.
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
    backgroundColor: themeBackgroundColor(),
    webPreferences: hardenedWebPreferences(options.preloadFile),
  });
  guardContents(window.webContents, options);
  window.once('ready-to-show', () => window.show());
  loadDashboard(window, renderer, route).catch(options.onError);
  return window;
}

/** The page's background before it paints, so a new window does not flash white in dark mode. */
export function themeBackgroundColor(): string {
  return nativeTheme.shouldUseDarkColors ? '#1e1f22' : '#ffffff';
}

/** Loads our page, at a hash route (`/accounts?follow=…`) when given. */
export function loadDashboard(window: BrowserWindow, renderer: RendererLocation, route: string | null): Promise<void> {
  if (renderer.kind === 'file') return window.loadFile(renderer.indexFile, route === null ? {} : { hash: route });
  return window.loadURL(route === null ? renderer.url : `${renderer.url}#${route}`);
}
