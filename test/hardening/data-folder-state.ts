import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parseAuthFile } from '../../src-proxy/auth-store/auth-record';
import { providerByAuthFileType } from '../../src-proxy/providers/registry';

/** auth-dir as the engine would load it after a crash: every `*.json` parsed, anything else listed apart. */
export interface AuthFolderState {
  /** name -> the file's JSON object, for every `*.json` that parses as an auth file. */
  files: Map<string, Record<string, unknown>>;
  /** `*.json` files that do not parse (a torn or emptied write): must stay empty. */
  broken: string[];
  /** Everything else in the folder (temp files of interrupted atomic writes). */
  others: string[];
}

export async function readAuthFolder(folder: string): Promise<AuthFolderState> {
  const state: AuthFolderState = { files: new Map(), broken: [], others: [] };
  for (const name of (await readdir(folder)).sort()) {
    if (!name.endsWith('.json')) {
      state.others.push(name);
      continue;
    }
    const parsed = parseAuthFile(name, await readFile(join(folder, name), 'utf8'), providerByAuthFileType);
    if (parsed.ok) state.files.set(name, parsed.record.data);
    else state.broken.push(`${name}: ${parsed.reason}`);
  }
  return state;
}

/** usage.sqlite after a crash: SQLite's integrity check and how many request rows it holds. */
export function readUsageDatabase(path: string): { integrity: unknown; rows: number } {
  const database = new BetterSqlite3(path);
  try {
    const integrity = database.pragma('integrity_check', { simple: true });
    const { rows } = database.prepare('SELECT COUNT(*) AS rows FROM usage_requests').get() as { rows: number };
    return { integrity, rows };
  } finally {
    database.close();
  }
}
