import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTempFileName, writeFileAtomic } from '../config/write-file-atomic';
import type { AuthRecordSource } from './auth-record-source';

export interface AuthFolderLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * The auth-dir folder: every top-level `*.json` file. Writes are atomic with mode 0600 in a 0700 folder.
 * `isComplete(name, text)` says whether a crashed save's temp file holds a usable auth file.
 */
export class AuthFolder implements AuthRecordSource {
  private watcher: FSWatcher | null = null;

  constructor(
    readonly location: string,
    private readonly isComplete: (name: string, text: string) => boolean,
    private readonly logger?: AuthFolderLogger,
  ) {}

  async readAll(): Promise<Map<string, string>> {
    await this.recoverInterruptedWrites();
    const texts = new Map<string, string>();
    for (const name of await this.names()) {
      try {
        texts.set(name, await readFile(join(this.location, name), 'utf8'));
      } catch {
        // Deleted between readdir and read: the next scan settles it.
      }
    }
    return texts;
  }

  async read(name: string): Promise<string | null> {
    try {
      return await readFile(join(this.location, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(name: string, text: string): Promise<void> {
    await mkdir(this.location, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(this.location, name), text, 0o600);
  }

  async delete(name: string): Promise<boolean> {
    try {
      await unlink(join(this.location, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async names(): Promise<string[]> {
    try {
      const entries = await readdir(this.location, { withFileTypes: true });
      return entries.filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json')).map((entry) => entry.name).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async watch(onChange: () => void): Promise<void> {
    if (this.watcher) return;
    await mkdir(this.location, { recursive: true, mode: 0o700 });
    this.watcher = watch(this.location, { persistent: false }, onChange);
    this.watcher.on('error', (error) => this.logger?.warn({ folder: this.location, error: String(error) }, 'auth-dir watcher failed'));
  }

  unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
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
      names = await readdir(this.location);
    } catch {
      return;
    }
    for (const name of names) {
      const temp = parseTempFileName(name);
      if (temp === null || !temp.target.toLowerCase().endsWith('.json') || isRunning(temp.pid)) continue;
      const tempPath = join(this.location, name);
      const targetPath = join(this.location, temp.target);
      try {
        const complete = this.isComplete(temp.target, await readFile(tempPath, 'utf8'));
        const targetTime = await stat(targetPath).then((target) => target.mtimeMs, () => 0);
        if (complete && (await stat(tempPath)).mtimeMs >= targetTime) {
          await rename(tempPath, targetPath);
          this.logger?.warn({ file: temp.target }, 'Finished an auth file save interrupted by a crash');
        } else {
          await unlink(tempPath);
        }
      } catch {
        // Gone meanwhile or unreadable: the next scan tries again.
      }
    }
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
