import { app, dialog } from 'electron';
import type { AppLog } from './app-log';
import { explainStartupFailure } from './explain-startup-failure';

/** A start-up failure is explained (cause, log file), then the app quits rather than run half-configured. */
export function explainAndExit(error: unknown, log: AppLog, where: { configPath: string; isConfigProblem: boolean }): void {
  const explained = explainStartupFailure(error, { logFile: log.path, ...where });
  // app.exit() does not wait for the log stream: the cause must be on disk before the app goes.
  log.writeNow('error', `${explained.title}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  dialog.showErrorBox(explained.title, explained.content);
  app.exit(1);
}
