import { mkdirSync } from 'node:fs';
import { readdir, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const mainLogName = 'main.log';

/** docs/config.md#application-log: the logs folder is `logs` beside config.yaml. */
export function logsDirBeside(configDir: string): string {
  return join(configDir, 'logs');
}

/** One file of the logs folder as CPA's management routes list it. */
export interface LogFileEntry {
  name: string;
  size: number;
  /** Unix seconds. */
  modified: number;
}

interface StatEntry extends LogFileEntry {
  modifiedMs: number;
}

const errorLogName = /^error-[A-Za-z0-9._-]+\.log$/;
const rotatedMainLogName = /^main-[A-Za-z0-9._-]+\.log$/;
const requestIdText = /^[A-Za-z0-9_-]{1,64}$/;

/** True for a plain `error-*.log` file name: no separators, so it cannot leave the logs folder. */
export function isErrorLogName(name: string): boolean {
  return errorLogName.test(name);
}

export function isRequestId(id: string): boolean {
  return requestIdText.test(id);
}

/**
 * The logs folder (docs/config.md#application-log: `logs` beside config.yaml): the application log `main.log` with its rotated
 * `main-<timestamp>.log` files, request logs and forced `error-*.log` files. Only file names this class
 * produced or validated are ever joined to the folder path.
 */
export class LogsFolder {
  private created = false;
  /** Error-log writes and trims, one at a time in the order requests finished (see writeErrorLog). */
  private errorLogQueue: Promise<void> = Promise.resolve();
  /** Whole request-log writes in flight (see track). */
  private readonly writes = new Set<Promise<unknown>>();
  /** Write order of the error logs this process wrote: breaks mtime ties, which the kernel's coarse file clock makes common. */
  private readonly errorLogOrder = new Map<string, number>();
  private errorLogCount = 0;

  constructor(readonly dir: string) {}

  /** Creates the folder (0700) once, before the first file is written into it. */
  ensure(): void {
    if (this.created) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.created = true;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /** main-*.log then main.log, oldest first (rotated names sort by their timestamp). */
  async mainLogFiles(): Promise<LogFileEntry[]> {
    const entries = await this.entries((name) => rotatedMainLogName.test(name) || name === mainLogName);
    return entries.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  }

  /** `error-*.log`, newest first: by mtime, then by the order this process wrote them, then by name. */
  async errorLogs(): Promise<LogFileEntry[]> {
    const entries = await this.entries(isErrorLogName);
    const order = (name: string) => this.errorLogOrder.get(name) ?? 0;
    return entries.sort((a, b) => b.modifiedMs - a.modifiedMs || order(b.name) - order(a.name) || b.name.localeCompare(a.name)).map(publicEntry);
  }

  /**
   * Writes one error log, then deletes all but the newest `max` (0 keeps them all). Queued: concurrent
   * writes and trims would each list a different half-written folder and delete by an order that ties
   * within the file clock's granularity, keeping older logs and deleting newer ones. Rejects on a write error.
   */
  writeErrorLog(name: string, text: string, max: number): Promise<void> {
    const run = async () => {
      this.ensure();
      await writeFile(this.path(name), text, { mode: 0o600 });
      this.errorLogOrder.set(name, (this.errorLogCount += 1));
      await this.keepNewestErrorLogs(max);
    };
    const written = this.errorLogQueue.then(run);
    this.errorLogQueue = written.catch(() => undefined);
    return written;
  }

  /** Counts a file write into this folder until it ends, so settled() waits for it. */
  track<T>(write: Promise<T>): Promise<T> {
    this.writes.add(write);
    const forget = () => this.writes.delete(write);
    write.then(forget, forget);
    return write;
  }

  /**
   * Resolves once every error log queued so far is written and trimmed and every tracked write has ended:
   * listings read after it see them, and a server closing waits for it (no file lands in a folder being removed).
   */
  async settled(): Promise<void> {
    await this.errorLogQueue;
    await Promise.allSettled([...this.writes]);
  }

  private async keepNewestErrorLogs(max: number): Promise<void> {
    if (max <= 0) return;
    const logs = await this.errorLogs();
    await Promise.all(
      logs.slice(max).map(async (entry) => {
        await unlink(this.path(entry.name)).catch(() => undefined);
        this.errorLogOrder.delete(entry.name);
      }),
    );
  }

  /** The newest request or error log whose name ends with `-<id>.log`, or null. */
  async findRequestLog(id: string): Promise<string | null> {
    if (!isRequestId(id)) return null;
    const suffix = `-${id}.log`;
    const matches = await this.entries((name) => name.endsWith(suffix) && !rotatedMainLogName.test(name));
    matches.sort((a, b) => b.modifiedMs - a.modifiedMs);
    return matches[0]?.name ?? null;
  }

  /** DELETE /logs: main.log emptied (the writer keeps appending to it), rotated files deleted. */
  async clearMainLogs(): Promise<number> {
    let removed = 0;
    for (const entry of await this.mainLogFiles()) {
      if (entry.name === mainLogName) await truncate(this.path(mainLogName)).catch(() => undefined);
      else if (await unlink(this.path(entry.name)).then(() => true, () => false)) removed += 1;
    }
    return removed;
  }

  /**
   * `logs-max-total-size-mb`: deletes the oldest `*.log` / `*.log.gz` files until the folder's total is
   * within `maxBytes`; the active main.log is never deleted.
   */
  async trimToSize(maxBytes: number): Promise<void> {
    if (maxBytes <= 0) return;
    const files = await this.entries((name) => name.endsWith('.log') || name.endsWith('.log.gz'));
    let total = files.reduce((sum, entry) => sum + entry.size, 0);
    for (const entry of files.sort((a, b) => a.modifiedMs - b.modifiedMs)) {
      if (total <= maxBytes) return;
      if (entry.name === mainLogName) continue;
      if (await unlink(this.path(entry.name)).then(() => true, () => false)) total -= entry.size;
    }
  }

  private async entries(accept: (name: string) => boolean): Promise<StatEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const stats = await Promise.all(
      names.filter(accept).map(async (name) => {
        const info = await stat(this.path(name)).catch(() => null);
        return info?.isFile() ? { name, size: info.size, modified: Math.floor(info.mtimeMs / 1000), modifiedMs: info.mtimeMs } : null;
      }),
    );
    return stats.filter((entry): entry is StatEntry => entry !== null);
  }
}

function rank(name: string): number {
  return name === mainLogName ? 1 : 0;
}

function publicEntry({ name, size, modified }: StatEntry): LogFileEntry {
  return { name, size, modified };
}
