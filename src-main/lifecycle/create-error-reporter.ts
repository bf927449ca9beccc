import type { AppLog } from './app-log';

/** Failures nobody awaits (tray actions, launch at login) end up in the app log and on stderr. */
export function createErrorReporter(log: AppLog): (error: unknown) => void {
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    log.write('error', message);
    console.error('[cliproxy]', message);
  };
}
