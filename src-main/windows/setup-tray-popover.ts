import { BrowserWindow, screen, type Rectangle } from 'electron';
import { popoverPosition } from '../tray/popover-position';
import { popoverClickAction } from '../tray/popover-toggle';
import { loadDashboard, themeBackgroundColor } from './create-dashboard-window';
import { guardContents, hardenedWebPreferences } from './harden-window';
import type { RendererLocation } from './renderer-location';

export const popoverSize = { width: 360, height: 480 };

export interface TrayPopover {
  /** A left-click on the tray icon at these bounds: show the popover anchored to it, or hide it. */
  toggle(trayBounds: Rectangle): void;
}

export interface TrayPopoverOptions {
  renderer: RendererLocation;
  preloadFile: string;
  openDashboard(): void;
  onError(error: unknown): void;
  /** Whether a URL is the page of a login the engine started (login/started-login-pages.ts). */
  isLoginPage(url: string): boolean;
  now?: () => number;
}

/**
 * macOS and Windows: the compact page (`#/popover`) in a frameless, always-on-top window without a taskbar
 * button, created on the first click and hidden (not closed) on blur, so it opens again at once. Linux keeps
 * the menu (its trays give no icon bounds): null there.
 */
export function setupTrayPopover(platform: NodeJS.Platform, options: TrayPopoverOptions): TrayPopover | null {
  if (platform === 'linux') return null;
  const now = options.now ?? Date.now;
  let window: BrowserWindow | null = null;
  let hiddenByBlurAt: number | null = null;
  const create = (): BrowserWindow => {
    const created = new BrowserWindow({
      ...popoverSize,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'CLI Proxy Desktop',
      backgroundColor: themeBackgroundColor(),
      webPreferences: hardenedWebPreferences(options.preloadFile),
    });
    // Open dashboard is a link to our own page in a new window: the dashboard window instead.
    guardContents(created.webContents, { ...options, openOwnPage: () => options.openDashboard() });
    created.on('blur', () => {
      if (!created.isVisible()) return;
      created.hide();
      hiddenByBlurAt = now();
    });
    loadDashboard(created, options.renderer, '/popover').catch(options.onError);
    return created;
  };
  return {
    toggle(trayBounds) {
      const current = window !== null && !window.isDestroyed() ? window : null;
      const action = popoverClickAction({ visible: current?.isVisible() ?? false, hiddenByBlurAt }, now());
      if (action === 'hide') current?.hide();
      if (action !== 'show') return;
      const shown = current ?? create();
      window = shown;
      const iconCentre = { x: Math.round(trayBounds.x + trayBounds.width / 2), y: Math.round(trayBounds.y + trayBounds.height / 2) };
      const { x, y } = popoverPosition({ trayBounds, workArea: screen.getDisplayNearestPoint(iconCentre).workArea, size: popoverSize });
      shown.setPosition(x, y);
      shown.show();
      shown.focus();
    },
  };
}
