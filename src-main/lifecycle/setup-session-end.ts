import { app, BaseWindow } from 'electron';
import { watchSessionEnd } from './watch-session-end';

/** Module-level reference: a collected window would take the session-end listener with it. */
const keepAlive: { window: BaseWindow | null } = { window: null };

/** Windows only: a never-shown window that hears the session end and quits (draining) the app. */
export function setupSessionEnd(platform: NodeJS.Platform): void {
  if (platform !== 'win32') return;
  const window = new BaseWindow({ show: false, skipTaskbar: true, width: 1, height: 1 });
  keepAlive.window = window;
  watchSessionEnd(window, () => app.quit());
}
