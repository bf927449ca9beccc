import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { DoctorCheck } from '../../src-shared/control/doctor-types';

/** Client keys: without one, every client is refused (or, on a LAN, anyone could use the accounts). */
export function checkClientKeys(keyCount: number): DoctorCheck {
  if (keyCount > 0) return { id: 'client-keys', title: 'Client keys', status: 'ok', explanation: `${keyCount} client key${keyCount === 1 ? '' : 's'} configured.`, fix: null };
  return { id: 'client-keys', title: 'Client keys', status: 'error', explanation: 'No client key is configured in `api-keys`: clients cannot authenticate.', fix: 'Add a key under `api-keys` in config.yaml (the app creates one on first run).' };
}

/** Auth files in auth-dir that could not be used, by file name with the reason (AuthStore.skipped()). */
export function checkAuthFiles(skipped: ReadonlyMap<string, string>, total: number): DoctorCheck {
  if (skipped.size === 0) return { id: 'auth-files', title: 'Auth files', status: 'ok', explanation: `${total} auth file${total === 1 ? '' : 's'} read.`, fix: null };
  const list = [...skipped].map(([file, reason]) => `${file} (${reason})`).join('; ');
  return { id: 'auth-files', title: 'Auth files', status: 'warning', explanation: `${skipped.size} of ${total} auth files cannot be used: ${list}.`, fix: 'Log in again for those accounts, or remove the broken files from auth-dir.' };
}

/** The usage history file: present, readable by SQLite's quick check, and its size. Opened read-only (`nativeBinding`: Electron's build of SQLite). */
export function checkUsageDatabase(path: string, nativeBinding?: string): DoctorCheck {
  const title = 'Usage history';
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { id: 'usage-db', title, status: 'ok', explanation: `No usage history yet (${path} is created on the first request).`, fix: null };
  }
  const megabytes = `${(size / 1_048_576).toFixed(1)} MB`;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') return { id: 'usage-db', title, status: 'error', explanation: `${path} (${megabytes}) fails SQLite's check: ${String(result)}.`, fix: 'Quit the app and move the file aside; a new history starts on the next run.' };
    } finally {
      db.close();
    }
  } catch (error) {
    return { id: 'usage-db', title, status: 'error', explanation: `${path} (${megabytes}) cannot be opened: ${error instanceof Error ? error.message : String(error)}.`, fix: 'Quit the app and move the file aside; a new history starts on the next run.' };
  }
  return { id: 'usage-db', title, status: 'ok', explanation: `${path}: ${megabytes}, healthy.`, fix: null };
}
