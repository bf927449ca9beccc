import type { DestinationStream } from 'pino';
import { LogsFolder } from './logs-folder';
import { RotatingLogFile } from './rotating-log-file';

export interface MainLogSettings {
  /** `logging-to-file`. */
  toFile: boolean;
  /** `logs-max-total-size-mb`; 0 = unlimited. */
  maxTotalSizeMb: number;
}

export interface MainLogOutputOptions {
  logsDir: string;
  /** Where lines go while `logging-to-file` is off (stdout, or a test's stream). */
  console: DestinationStream | NodeJS.WritableStream;
  settings: MainLogSettings;
  /** Tests inject a small rotation size. */
  rotateBytes?: number;
}

/** docs/config.md#application-log: CPA's cleaner runs every minute. */
const trimIntervalMs = 60_000;

/**
 * The application log's destination, switchable live: pass it to `createLogger` and call `apply` with
 * each new config. `logging-to-file: true` writes `<logs dir>/main.log` (rotated), false writes the
 * console; `logs-max-total-size-mb` trims the logs folder every minute and after each rotation.
 */
export class MainLogOutput implements DestinationStream {
  readonly folder: LogsFolder;
  private file: RotatingLogFile | null = null;
  private settings: MainLogSettings = { toFile: false, maxTotalSizeMb: 0 };
  private trimTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: MainLogOutputOptions) {
    this.folder = new LogsFolder(options.logsDir);
    this.apply(options.settings);
  }

  write(line: string): void {
    if (this.file) this.file.write(line);
    else this.options.console.write(line);
  }

  apply(settings: MainLogSettings): void {
    const previous = this.settings;
    this.settings = settings;
    if (settings.toFile && !this.file) {
      this.file = new RotatingLogFile({ dir: this.options.logsDir, onRotated: () => void this.trim(), ...(this.options.rotateBytes ? { rotateBytes: this.options.rotateBytes } : {}) });
    } else if (!settings.toFile && this.file) {
      void this.file.close();
      this.file = null;
    }
    if (settings.maxTotalSizeMb !== previous.maxTotalSizeMb) this.scheduleTrim();
  }

  /** Stops the cleaner and closes main.log (pending lines are flushed). */
  async close(): Promise<void> {
    if (this.trimTimer) clearInterval(this.trimTimer);
    this.trimTimer = null;
    const file = this.file;
    this.file = null;
    await file?.close();
  }

  /** Runs the size cap once (also what the timer does). */
  trim(): Promise<void> {
    return this.folder.trimToSize(this.settings.maxTotalSizeMb * 1024 * 1024);
  }

  private scheduleTrim(): void {
    if (this.trimTimer) clearInterval(this.trimTimer);
    this.trimTimer = null;
    if (this.settings.maxTotalSizeMb <= 0) return;
    this.trimTimer = setInterval(() => void this.trim(), trimIntervalMs);
    this.trimTimer.unref();
    void this.trim();
  }
}
