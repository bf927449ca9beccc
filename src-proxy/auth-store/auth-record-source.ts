/**
 * Where an AuthStore's files live: the auth-dir folder (`AuthFolder`, the default) or the team server's
 * database (src-proxy/store/postgres/postgres-auth-source.ts). The AuthStore above it parses, diffs and
 * tells listeners; a source only moves texts by file name.
 */
export interface AuthRecordSource {
  /** For messages: the folder path, or the database table. */
  readonly location: string;
  /** Every auth file's text by name, as stored now (a source finishes writes a crash interrupted first). */
  readAll(): Promise<Map<string, string>>;
  /** File `name`'s text as stored now; null when there is none. */
  read(name: string): Promise<string | null>;
  /** Writes `text` as file `name`, whole or not at all. */
  write(name: string, text: string): Promise<void>;
  /** Deletes file `name`; false when there was none. */
  delete(name: string): Promise<boolean>;
  /** Every file name stored now, usable or not, sorted. */
  names(): Promise<string[]>;
  /**
   * Shared sources only (the team server): runs `change` with file `name`'s text as stored now while every
   * other engine's `exclusive` on that file waits, and writes the text it returns (null: nothing) only over
   * the version it was given. The folder has no such method: one engine owns it.
   */
  exclusive?(name: string, change: (stored: string | null) => Promise<string | null>): Promise<void>;
  /** Calls `onChange` when something else changed the files (the store then rescans); until `unwatch`. */
  watch(onChange: () => void): Promise<void>;
  unwatch(): void;
}
