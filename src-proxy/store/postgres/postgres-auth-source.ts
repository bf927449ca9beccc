import type { AuthRecordSource } from '../../auth-store/auth-record-source';
import type { AuthRecordsCache, SealedRecord } from './auth-records-cache';
import { PostgresListener } from './postgres-listener';
import type { PostgresParts } from './postgres-parts';

/** How long an engine waits for another's refresh of the same account (a provider call, normally < 2 s). */
const lockTimeoutSeconds = 60;

export interface PostgresAuthSourceParts extends PostgresParts {
  /** The local copy read when the database cannot be (auth-records-cache.ts). */
  cache: AuthRecordsCache;
}

/**
 * The auth files as rows of `<schema>.auth_records` (migration 1), each file's text sealed with the store
 * key. Every change, by any engine, fires the table's trigger; `watch` LISTENs for it, so a login or a
 * disable on one engine reaches the others' AuthStore at once.
 */
export class PostgresAuthSource implements AuthRecordSource {
  readonly location: string;
  private readonly table: string;
  private listener: PostgresListener | null = null;

  constructor(private readonly parts: PostgresAuthSourceParts) {
    this.table = `${parts.schema}.auth_records`;
    this.location = `postgres:${this.table}`;
  }

  /** Every record; from the local copy when the database cannot be reached (throws when there is none). */
  async readAll(): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const row of await this.readRows()) {
      const text = this.open(row.id, row.content);
      if (text !== null) texts.set(row.id, text);
    }
    return texts;
  }

  private async readRows(): Promise<SealedRecord[]> {
    let rows: SealedRecord[];
    try {
      rows = (await this.parts.pool.query<SealedRecord>(`SELECT id, content FROM ${this.table} ORDER BY id`)).rows;
    } catch (error) {
      const cached = this.parts.cache.load();
      if (cached === null) throw error;
      this.parts.logger.warn({ records: cached.length }, 'team store unreachable: serving the accounts of the local copy');
      return cached;
    }
    void this.parts.cache.save(rows).catch((error: unknown) => this.parts.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not update the local copy of the team accounts'));
    return rows;
  }

  async read(name: string): Promise<string | null> {
    const result = await this.parts.pool.query<{ content: string }>(`SELECT content FROM ${this.table} WHERE id = $1`, [name]);
    const row = result.rows[0];
    return row === undefined ? null : this.open(name, row.content);
  }

  async write(name: string, text: string): Promise<void> {
    await this.parts.pool.query(
      `INSERT INTO ${this.table} (id, content, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, version = ${this.table}.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [name, this.parts.cipher.seal(name, text), this.parts.instanceId],
    );
  }

  /**
   * The row lock (`SELECT ... FOR UPDATE`) makes every other engine's `exclusive` on this account wait until
   * this transaction ends; the new text is written only over the version that was read. The provider call
   * inside `change` runs while the lock is held: waiting engines then read its result instead of spending
   * the same refresh token. A database that cannot be reached means no lock, so no refresh.
   */
  async exclusive(name: string, change: (stored: string | null) => Promise<string | null>): Promise<void> {
    const client = await this.parts.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${lockTimeoutSeconds}s'`);
      const row = (await client.query<{ content: string; version: string }>(`SELECT content, version FROM ${this.table} WHERE id = $1 FOR UPDATE`, [name])).rows[0];
      const text = await change(row === undefined ? null : this.open(name, row.content));
      if (text !== null && row !== undefined) {
        const written = await client.query(
          `UPDATE ${this.table} SET content = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1 AND version = $4`,
          [name, this.parts.cipher.seal(name, text), this.parts.instanceId, row.version],
        );
        if (written.rowCount !== 1) throw new Error(`auth record ${name} changed under its lock`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async delete(name: string): Promise<boolean> {
    const result = await this.parts.pool.query(`DELETE FROM ${this.table} WHERE id = $1`, [name]);
    return (result.rowCount ?? 0) > 0;
  }

  async names(): Promise<string[]> {
    const result = await this.parts.pool.query<{ id: string }>(`SELECT id FROM ${this.table} ORDER BY id`);
    return result.rows.map((row) => row.id);
  }

  async watch(onChange: () => void): Promise<void> {
    if (this.listener) return;
    this.listener = new PostgresListener(this.parts.clientConfig, this.table, onChange, this.parts.logger);
    await this.listener.start();
  }

  unwatch(): void {
    this.listener?.stop();
    this.listener = null;
  }

  /** A row this engine cannot decrypt (another key) is left out with a warning naming the row only. */
  private open(id: string, sealed: string): string | null {
    try {
      return this.parts.cipher.open(id, sealed);
    } catch (error) {
      this.parts.logger.warn({ file: id, reason: error instanceof Error ? error.message : String(error) }, 'Skipping auth record that cannot be decrypted');
      return null;
    }
  }
}
