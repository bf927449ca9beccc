import type { BrowserWindow } from 'electron';
import { createDashboardWindow, type DashboardWindowOptions } from './create-dashboard-window';

export interface DashboardWindowHandle {
  /** Show and focus the dashboard, creating it if it was closed. */
  open(): void;
}

/** At most one dashboard; closing it keeps the app (and the proxy) running in the tray. */
export function setupDashboardWindow(options: DashboardWindowOptions): DashboardWindowHandle {
  let current: BrowserWindow | null = null;
  return {
    open() {
      if (current !== null && !current.isDestroyed()) {
        if (current.isMinimized()) current.restore();
        current.show();
        current.focus();
        return;
      }
      current = createDashboardWindow(options);
      current.on('closed', () => {
        current = null;
      });
    },
  };
}
