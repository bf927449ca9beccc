import type { BrowserWindow } from 'electron';
import { followLoginRoute, type FollowedLogin } from '../../src-shared/login-follow';
import { createDashboardWindow, loadDashboard, type DashboardWindowOptions } from './create-dashboard-window';

export interface DashboardWindowHandle {
  /** Show and focus the dashboard, creating it if it was closed. */
  open(): void;
  /** Show the Accounts page following this login, whether or not the window or the page exists yet. */
  showLogin(followed: FollowedLogin): void;
  /** Call this each time the user closes the dashboard window. */
  onClosed(listener: () => void): void;
}

export interface DashboardWindowHooks {
  /** A dashboard window now exists (macOS: the Dock icon appears). */
  onOpened?(): void;
  /** The dashboard window closed (macOS: back to a menu-bar app). */
  onClosed?(): void;
}

/** At most one dashboard; closing it keeps the app (and the proxy) running in the tray. */
export function setupDashboardWindow(options: DashboardWindowOptions, hooks: DashboardWindowHooks = {}): DashboardWindowHandle {
  let current: BrowserWindow | null = null;
  const closedListeners: Array<() => void> = [];
  const live = (): BrowserWindow | null => (current !== null && !current.isDestroyed() ? current : null);
  const create = (route: string | null): void => {
    const window = createDashboardWindow(options, route);
    current = window;
    hooks.onOpened?.();
    window.on('closed', () => {
      if (current === window) current = null;
      hooks.onClosed?.();
      for (const listener of closedListeners) listener();
    });
  };
  const bringForward = (window: BrowserWindow): void => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  return {
    open() {
      const window = live();
      if (window === null) create(null);
      else bringForward(window);
    },
    showLogin(followed) {
      const route = followLoginRoute(followed);
      const window = live();
      if (window === null) {
        create(route);
        return;
      }
      // A loaded page hears login.started itself (and moves to Accounts carrying it); one still loading
      // would miss it, and a failed start has no event: load the Accounts route for those.
      if (followed.kind === 'failed' || window.webContents.isLoading()) loadDashboard(window, options.renderer, route).catch(options.onError);
      bringForward(window);
    },
    onClosed(listener) {
      closedListeners.push(listener);
    },
  };
}
