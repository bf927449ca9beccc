import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTempFileName, writeFileAtomic } from '../config/write-file-atomic';
import { parseAuthData, parseAuthFile, type AuthRecord, type ParseAuthResult, type ProviderByAuthType } from './auth-record';

export interface AuthStoreLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface AuthStoreChange {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface AuthStoreOptions {
  logger?: AuthStoreLogger;
  /** Quiet period after the last fs event before the folder is rescanned (editors write in bursts). */
  debounceMs?: number;
  /**
   * Auth-file `type` to provider id: the registry's `providerByAuthFileType` (injected: the store does not
   * know the providers). Without it only the types that have no provider folder load.
   */
  providerByType?: ProviderByAuthType;
}

/**
 * The auth-dir folder (docs/providers.md#auth-files): every top-level `*.json` file, parsed; a bad file is skipped with a
 * warning naming the file only. Saves are atomic with mode 0600 in a 0700 folder. `watch` rescans the
 * whole folder after fs events settle: fs.watch event details differ per platform, a full rescan does not.
 */
export class AuthStore {
  private records = new Map<string, AuthRecord>();
  private texts = new Map<string, string>();
  /** Files the last scan skipped, with the reason (never a value from the file). */
  private unreadable = new Map<string, string>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(change: AuthStoreChange) => void>();

  constructor(
    readonly folder: string,
    private readonly options: AuthStoreOptions = {},
  ) {}

  private get providerByType(): ProviderByAuthType {
    return this.options.providerByType ?? {};
  }

  list(): AuthRecord[] {
    return [...this.records.values()];
  }

  get(id: string): AuthRecord | undefined {
    return this.records.get(id);
  }

  /** Reads the folder now; resolves with what changed since the last scan. A missing folder is empty. */
  async rescan(): Promise<AuthStoreChange> {
    await this.recoverInterruptedWrites();
    const next = new Map<string, AuthRecord>();
    const texts = new Map<string, string>();
    const unreadable = new Map<string, string>();
    for (const name of await listJsonFiles(this.folder)) {
      const id = idForName(name);
      let text: string;
      try {
        text = await readFile(join(this.folder, name), 'utf8');
      } catch {
        continue; // Deleted between readdir and read: the next scan settles it.
      }
      const parsed = parseAuthFile(id, text, this.providerByType);
      if (!parsed.ok) {
        this.options.logger?.warn({ file: name, reason: parsed.reason }, 'Skipping auth file');
        unreadable.set(id, parsed.reason);
        continue;
      }
      next.set(id, parsed.record);
      texts.set(id, text);
    }
    const change = diff(this.texts, texts);
    this.records = next;
    this.texts = texts;
    this.unreadable = unreadable;
    return change;
  }

  /**
   * Finishes the saves of a process killed between writing its temp file and renaming it (kill -9 during a
   * token refresh: the provider has already rotated the old refresh token, so the new pair in the temp file
   * is the only live one). A temp file of a process that no longer runs replaces its target when it parses
   * and is not older than the target; otherwise (torn, or superseded) it is deleted. Temp files of running
   * processes, this one included, are in-flight saves and stay untouched.
   */
  private async recoverInterruptedWrites(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return;
    }
    for (const name of names) {
      const temp = parseTempFileName(name);
      if (temp === null || !temp.target.toLowerCase().endsWith('.json') || isRunning(temp.pid)) continue;
      const tempPath = join(this.folder, name);
      const targetPath = join(this.folder, temp.target);
      try {
        const complete = parseAuthFile(idForName(temp.target), await readFile(tempPath, 'utf8'), this.providerByType).ok;
        const targetTime = await stat(targetPath).then((target) => target.mtimeMs, () => 0);
        if (complete && (await stat(tempPath)).mtimeMs >= targetTime) {
          await rename(tempPath, targetPath);
          this.options.logger?.warn({ file: temp.target }, 'Finished an auth file save interrupted by a crash');
        } else {
          await unlink(tempPath);
        }
      } catch {
        // Gone meanwhile or unreadable: the next scan tries again.
      }
    }
  }

  /** A login's new account: `data` as auth file `id`, saved like `save`; throws when it is not a valid auth file. */
  async saveNew(id: string, data: Record<string, unknown>): Promise<void> {
    const parsed = parseAuthData(id, data, this.providerByType);
    if (!parsed.ok) throw new Error(`Cannot build the auth file: ${parsed.reason}`);
    await this.save(parsed.record);
  }

  /** Writes `record.data` back to its file (atomic, 0600), keeps the store in step without a rescan and tells the listeners. */
  async save(record: AuthRecord): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const text = `${JSON.stringify({ ...record.data, disabled: record.data.disabled === true }, null, 2)}\n`;
    await writeFileAtomic(join(this.folder, record.id), text, 0o600);
    this.adopt(record, text);
  }

  /** Takes a record we just wrote into the maps and tells the listeners (once: the watcher's rescan then finds the same text). */
  private adopt(record: AuthRecord, text: string): void {
    const previous = this.texts.get(record.id);
    this.records.set(record.id, record);
    this.texts.set(record.id, text);
    this.unreadable.delete(record.id);
    // Listeners hear of our own writes too (a new login must become a credential at once), never twice:
    // the watcher's rescan then finds the text it already has.
    if (previous === text) return;
    const change: AuthStoreChange = previous === undefined ? { added: [record.id], removed: [], changed: [] } : { added: [], removed: [], changed: [record.id] };
    for (const listener of this.listeners) listener(change);
  }

  /** Files of the last scan that could not be used (bad JSON, no or unknown `type`), id -> reason. */
  skipped(): ReadonlyMap<string, string> {
    return this.unreadable;
  }

  /** Names of every top-level `*.json` file on disk now, usable or not. */
  fileNames(): Promise<string[]> {
    return listJsonFiles(this.folder);
  }

  /**
   * Writes `text` as file `name` (a plain file name; the caller checked it) if it parses as an auth file,
   * byte for byte (atomic, 0600), and tells the listeners: the account is live at once. Nothing is written
   * when it does not parse.
   */
  async writeText(name: string, text: string): Promise<ParseAuthResult> {
    const id = idForName(name);
    const parsed = parseAuthFile(id, text, this.providerByType);
    if (!parsed.ok) return parsed;
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(this.folder, name), text, 0o600);
    this.adopt(parsed.record, text);
    return parsed;
  }

  /** Deletes file `name`; false when there was no such file. Listeners hear of a removed account. */
  async remove(name: string): Promise<boolean> {
    const id = idForName(name);
    try {
      await unlink(join(this.folder, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    this.unreadable.delete(id);
    const known = this.records.delete(id);
    this.texts.delete(id);
    if (known) for (const listener of this.listeners) listener({ added: [], removed: [id], changed: [] });
    return true;
  }

  /** Calls `listener` after each save and each rescan that found a change. */
  onChange(listener: (change: AuthStoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async watch(): Promise<void> {
    if (this.watcher) return;
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    this.watcher = watch(this.folder, { persistent: false }, () => this.scheduleRescan());
    this.watcher.on('error', (error) => this.options.logger?.warn({ folder: this.folder, error: String(error) }, 'auth-dir watcher failed'));
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Rescans now and tells the listeners what changed (also used when the engine restarts watching). */
  async rescanAndNotify(): Promise<void> {
    try {
      const change = await this.rescan();
      if (change.added.length + change.removed.length + change.changed.length === 0) return;
      for (const listener of this.listeners) listener(change);
    } catch (error) {
      this.options.logger?.warn({ folder: this.folder, error: String(error) }, 'auth-dir rescan failed');
    }
  }

  private scheduleRescan(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.rescanAndNotify();
    }, this.options.debounceMs ?? 150);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** CPA's credential id: the file name, lower-cased on Windows (docs/providers.md#auth-files). */
function idForName(name: string): string {
  return process.platform === 'win32' ? name.toLowerCase() : name;
}

async function listJsonFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json')).map((entry) => entry.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function diff(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): AuthStoreChange {
  const change: AuthStoreChange = { added: [], removed: [], changed: [] };
  for (const [id, text] of after) {
    const old = before.get(id);
    if (old === undefined) change.added.push(id);
    else if (old !== text) change.changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) change.removed.push(id);
  return change;
}
