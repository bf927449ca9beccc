import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes `contents` to `path` so that readers see either the old file or the complete new one, never a
 * half-written file: temp file in the same folder (same filesystem, so rename is atomic), fsync, rename.
 * Missing parent folders are created with mode 0700; the file gets `mode` (default 0600) because config
 * and auth files hold secrets.
 */
export async function writeFileAtomic(
  path: string,
  contents: string | Uint8Array,
  mode: number = 0o600,
): Promise<void> {
  const target = resolve(path);
  const folder = dirname(target);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const tempPath = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tempPath, 'wx', mode);
    try {
      await handle.writeFile(contents);
      // The umask may have narrowed or widened nothing, but be explicit: the mode is part of the contract.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, target);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/**
 * Reads back a temp file name of writeFileAtomic (`.<name>.<pid>.<12 hex>.tmp`): the file it was meant to
 * replace and the writing process. Null for any other name.
 */
export function parseTempFileName(name: string): { target: string; pid: number } | null {
  const match = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name);
  return match?.[1] && match[2] ? { target: match[1], pid: Number(match[2]) } : null;
}

/** Makes the rename itself durable. Not possible on Windows (folders cannot be opened), so best effort. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse fsync on folders; the file content itself is already synced.
  }
}
