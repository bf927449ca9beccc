import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../config/write-file-atomic';

/** File beside config.yaml: the team's auth records as this engine last read them, still sealed. */
export const authRecordsCacheFileName = 'team-accounts.cache';

export interface SealedRecord {
  id: string;
  content: string;
}

const cacheFile = z.object({ schema: z.string(), records: z.array(z.object({ id: z.string(), content: z.string() })) });

/**
 * A local copy of `<schema>.auth_records` (docs/team-server.md#starting-without-the-database): every
 * successful read of the table replaces it (atomically, mode 0600, only when it changed); an engine that
 * cannot reach the database, at start or later, serves the accounts it holds from it. The rows stay
 * sealed with the store key, as in the database: the file alone reveals no token.
 */
export class AuthRecordsCache {
  private readonly path: string;
  private lastWritten: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    dataFolder: string,
    private readonly schema: string,
  ) {
    this.path = join(dataFolder, authRecordsCacheFileName);
  }

  /** The cached rows of this schema, or null when there is no usable copy. */
  load(): SealedRecord[] | null {
    try {
      const parsed = cacheFile.safeParse(JSON.parse(readFileSync(this.path, 'utf8')) as unknown);
      return parsed.success && parsed.data.schema === this.schema ? parsed.data.records : null;
    } catch {
      return null;
    }
  }

  /**
   * Replaces the copy with `records`. Saves run one after another (the newest read always lands last) and
   * callers need not wait: the accounts are served from memory, the copy only matters at the next start.
   */
  save(records: readonly SealedRecord[]): Promise<void> {
    const text = `${JSON.stringify({ schema: this.schema, records: records.map(({ id, content }) => ({ id, content })) })}\n`;
    const run = this.queue.then(async () => {
      if (text === this.lastWritten) return;
      await writeFileAtomic(this.path, text, 0o600);
      this.lastWritten = text;
    });
    // A failed save (reported to the caller) does not stop the next one.
    this.queue = run.catch(() => undefined);
    return run;
  }
}
