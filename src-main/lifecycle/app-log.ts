import { appendFileSync, createWriteStream, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface AppLog {
  /** The file users and bug reports are pointed to. */
  path: string;
  /** Where the engine writes its JSON log lines. */
  stream: WriteStream;
  /** One line from the desktop shell itself (start-up, failures), in the engine's JSON line format. */
  write(level: 'info' | 'warn' | 'error', message: string): void;
  /** The same, written before it returns: for the last line before `app.exit()`, which does not wait for the stream. */
  writeNow(level: 'info' | 'warn' | 'error', message: string): void;
}

const levels = { info: 30, warn: 40, error: 50 } as const;
/** Past this size the log is moved to `main.old.log` at the next start (one old copy kept). */
const rotateBytes = 10 * 1024 * 1024;

/**
 * The app's log in the platform's log folder (`app.getPath('logs')`: ~/Library/Logs/<app> on macOS,
 * <userData>/logs elsewhere, https://www.electronjs.org/docs/latest/api/app#appgetpathname). A packaged
 * app's stdout and stderr go nowhere a user can see.
 */
export function openAppLog(folder: string, now: () => number = Date.now): AppLog {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'main.log');
  try {
    if (statSync(path).size > rotateBytes) renameSync(path, join(folder, 'main.old.log'));
  } catch {
    // No log yet.
  }
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  // A full disk must not take the app down with it.
  stream.on('error', () => undefined);
  return {
    path,
    stream,
    write(level, message) {
      stream.write(line(level, message, now()));
    },
    writeNow(level, message) {
      try {
        appendFileSync(path, line(level, message, now()), { mode: 0o600 });
      } catch {
        // A full disk must not take the app down with it.
      }
    },
  };
}

function line(level: keyof typeof levels, message: string, time: number): string {
  return `${JSON.stringify({ level: levels[level], time, name: 'desktop', msg: message })}\n`;
}
