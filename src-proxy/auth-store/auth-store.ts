import { AuthFolder } from './auth-folder';
import { parseAuthData, parseAuthFile, type AuthRecord, type ParseAuthResult, type ProviderByAuthType } from './auth-record';
import type { AuthRecordSource } from './auth-record-source';

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
  /** Quiet period after the last change event before the files are reread (editors write in bursts). */
  debounceMs?: number;
  /**
   * Auth-file `type` to provider id: the registry's `providerByAuthFileType` (injected: the store does not
   * know the providers). Without it only the types that have no provider folder load.
   */
  providerByType?: ProviderByAuthType;
}

/**
 * The auth files (docs/providers.md#auth-files), parsed: the auth-dir folder (a path) or another
 * `AuthRecordSource` (the team server's database). A bad file is skipped with a warning naming the file
 * only. `watch` rereads every file after change events settle: fs.watch event details differ per
 * platform, a full rescan does not.
 */
export class AuthStore {
  private records = new Map<string, AuthRecord>();
  private texts = new Map<string, string>();
  /** Files the last scan skipped, with the reason (never a value from the file). */
  private unreadable = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(change: AuthStoreChange) => void>();
  private readonly source: AuthRecordSource;

  constructor(
    source: string | AuthRecordSource,
    private readonly options: AuthStoreOptions = {},
  ) {
    this.source = typeof source === 'string' ? new AuthFolder(source, (name, text) => this.parse(name, text).ok, options.logger) : source;
  }

  /** The auth-dir path, or where the source keeps the files (for messages). */
  get folder(): string {
    return this.source.location;
  }

  private parse(name: string, text: string): ParseAuthResult {
    return parseAuthFile(idForName(name), text, this.options.providerByType ?? {});
  }

  list(): AuthRecord[] {
    return [...this.records.values()];
  }

  get(id: string): AuthRecord | undefined {
    return this.records.get(id);
  }

  /** Reads every file now; resolves with what changed since the last scan. A missing folder is empty. */
  async rescan(): Promise<AuthStoreChange> {
    const next = new Map<string, AuthRecord>();
    const texts = new Map<string, string>();
    const unreadable = new Map<string, string>();
    for (const [name, text] of await this.source.readAll()) {
      const id = idForName(name);
      const parsed = this.parse(name, text);
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

  /** A login's new account: `data` as auth file `id`, saved like `save`; throws when it is not a valid auth file. */
  async saveNew(id: string, data: Record<string, unknown>): Promise<void> {
    const parsed = parseAuthData(id, data, this.options.providerByType ?? {});
    if (!parsed.ok) throw new Error(`Cannot build the auth file: ${parsed.reason}`);
    await this.save(parsed.record);
  }

  /** Writes `record.data` back to its file (atomic, 0600), keeps the store in step without a rescan and tells the listeners. */
  async save(record: AuthRecord): Promise<void> {
    const text = serialize(record);
    await this.source.write(record.id, text);
    this.adopt(record, text);
  }

  /**
   * Runs `update` on account `id` as stored now and saves the record it returns (null: keep the stored one);
   * resolves with the record the account has afterwards. On a shared source (the team server) this holds
   * the account's lock across engines, and the stored record may be newer than this engine's copy (another
   * engine refreshed it): the copy is brought up to date first. The token refresh runs through here, so a
   * cluster performs one refresh per token.
   */
  async updateExclusively(id: string, update: (current: AuthRecord) => Promise<AuthRecord | null>): Promise<AuthRecord> {
    const exclusive = this.source.exclusive?.bind(this.source);
    if (!exclusive) {
      const current = this.records.get(id);
      if (!current) throw new Error(`Account ${id} is not loaded`);
      const updated = await update(current);
      if (updated) await this.save(updated);
      return updated ?? current;
    }
    const outcome: { record?: AuthRecord; text?: string } = {};
    await exclusive(id, async (stored) => {
      const parsed = stored === null ? null : this.parse(id, stored);
      if (stored === null || !parsed?.ok) throw new Error(`Account ${id} is not stored or not readable`);
      this.adopt(parsed.record, stored);
      const updated = await update(parsed.record);
      outcome.record = updated ?? parsed.record;
      outcome.text = updated ? serialize(updated) : stored;
      return updated ? outcome.text : null;
    });
    if (!outcome.record || outcome.text === undefined) throw new Error(`Account ${id} was not updated`);
    this.adopt(outcome.record, outcome.text);
    return outcome.record;
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

  /** File `name`'s text as stored now, usable or not; null when there is none (the management download). */
  readText(name: string): Promise<string | null> {
    return this.source.read(name);
  }

  /** Names of every auth file stored now, usable or not. */
  fileNames(): Promise<string[]> {
    return this.source.names();
  }

  /**
   * Writes `text` as file `name` (a plain file name; the caller checked it) if it parses as an auth file,
   * byte for byte (atomic, 0600), and tells the listeners: the account is live at once. Nothing is written
   * when it does not parse.
   */
  async writeText(name: string, text: string): Promise<ParseAuthResult> {
    const parsed = this.parse(name, text);
    if (!parsed.ok) return parsed;
    await this.source.write(name, text);
    this.adopt(parsed.record, text);
    return parsed;
  }

  /** Deletes file `name`; false when there was no such file. Listeners hear of a removed account. */
  async remove(name: string): Promise<boolean> {
    const id = idForName(name);
    if (!(await this.source.delete(name))) return false;
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

  watch(): Promise<void> {
    return this.source.watch(() => this.scheduleRescan());
  }

  close(): void {
    this.source.unwatch();
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
      this.options.logger?.warn({ location: this.source.location, error: String(error) }, 'auth files rescan failed');
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

/** An auth file as this app writes it: pretty JSON, `disabled` always present (CPA's form). */
function serialize(record: AuthRecord): string {
  return `${JSON.stringify({ ...record.data, disabled: record.data.disabled === true }, null, 2)}\n`;
}

/** CPA's credential id: the file name, lower-cased on Windows (docs/providers.md#auth-files). */
function idForName(name: string): string {
  return process.platform === 'win32' ? name.toLowerCase() : name;
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
