import { createWriteStream, existsSync, mkdirSync, openSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { mainLogName } from './logs-folder';

/** docs/config.md#application-log: main.log is rotated at 10 MB. */
export const mainLogRotateBytes = 10 * 1024 * 1024;

export interface RotatingLogFileOptions {
  dir: string;
  /** Tests inject a small size. */
  rotateBytes?: number;
  /** Called after each rotation (the size cap runs then). */
  onRotated?: () => void;
}

/**
 * `<dir>/main.log` (folder 0700, file 0600), renamed to `main-<UTC timestamp>.log` once it reaches
 * `rotateBytes`, like CPA's lumberjack writer (unlimited backups, no compression). Renaming keeps the
 * open descriptor, so lines still queued on the old stream land at the end of the rotated file and the
 * new stream starts main.log afresh; renaming an open file works on POSIX and on Windows (libuv opens
 * files with FILE_SHARE_DELETE).
 */
export class RotatingLogFile implements DestinationStream {
  private readonly path: string;
  private readonly rotateBytes: number;
  private stream: WriteStream;
  private size: number;
  /** Rotated-away streams still flushing their last lines. */
  private readonly retiring = new Set<Promise<void>>();

  constructor(private readonly options: RotatingLogFileOptions) {
    this.path = join(options.dir, mainLogName);
    this.rotateBytes = options.rotateBytes ?? mainLogRotateBytes;
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.size = existsSync(this.path) ? statSync(this.path).size : 0;
    this.stream = this.open();
  }

  write(line: string): void {
    this.stream.write(line);
    this.size += Buffer.byteLength(line);
    if (this.size >= this.rotateBytes) this.rotate();
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await Promise.all([this.retire(this.stream), ...this.retiring]);
  }

  private retire(stream: WriteStream): Promise<void> {
    stream.end();
    const done = finished(stream).catch(() => undefined);
    this.retiring.add(done);
    void done.then(() => this.retiring.delete(done));
    return done;
  }

  /** Opened synchronously (once per 10 MB), so the file exists before the first line is queued. */
  private open(): WriteStream {
    const stream = createWriteStream(this.path, { fd: openSync(this.path, 'a', 0o600) });
    // A log that cannot be written must not crash the engine; the next rotation or restart retries.
    stream.on('error', () => undefined);
    return stream;
  }

  private rotate(): void {
    try {
      renameSync(this.path, join(this.options.dir, freeRotatedName(this.options.dir, new Date())));
      const next = this.open();
      void this.retire(this.stream);
      this.stream = next;
    } catch {
      return; // main.log renamed or deleted by someone else, or not creatable: retried on the next line
    }
    this.size = 0;
    this.options.onRotated?.();
  }
}

/** `main-2025-12-23T19-58-11.123.log` (UTC), with a counter when two rotations share a millisecond. */
function freeRotatedName(dir: string, at: Date): string {
  const stamp = at.toISOString().replace(/:/g, '-').replace(/Z$/, '');
  for (let counter = 0; ; counter += 1) {
    const name = counter === 0 ? `main-${stamp}.log` : `main-${stamp}-${counter}.log`;
    if (!existsSync(join(dir, name))) return name;
  }
}
