/** What Electron's BaseWindow gives on Windows when the session ends (shutdown, restart, log-off). */
export interface SessionEndSource {
  on(event: 'session-end', listener: () => void): unknown;
}

/**
 * Windows reports the end of a session only to windows (BaseWindow `session-end`,
 * https://www.electronjs.org/docs/latest/api/base-window#event-session-end-windows), and a tray app may
 * have none open: the app keeps one hidden window for it. The session's end quits the app once, which
 * drains the engine (setup-graceful-quit.ts). Windows may end the process before the drain is done;
 * every file the engine writes survives that (atomic saves, SQLite WAL), only open streams are cut.
 */
export function watchSessionEnd(source: SessionEndSource, quit: () => void): void {
  let ended = false;
  source.on('session-end', () => {
    if (ended) return;
    ended = true;
    quit();
  });
}
