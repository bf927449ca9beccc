import { PostgresListener } from './postgres-listener';
import type { PostgresParts } from './postgres-parts';


/**
 * One config key a team shares (docs/team-server.md#what-is-shared), a row of `<schema>.shared_settings`:
 * its JSON value sealed with the store key (`setting:<key>` as associated data), every write announced on
 * the table's channel with the key as payload. `parse` checks what is read; a row that does not decrypt
 * or parse reads as absent, with a warning.
 */
export class SharedSetting<T> {
  private readonly table: string;
  private readonly sealId: string;
  private listener: PostgresListener | null = null;

  constructor(
    private readonly parts: PostgresParts,
    readonly key: string,
    private readonly parse: (value: unknown) => T | null,
  ) {
    this.table = `${parts.schema}.shared_settings`;
    this.sealId = `setting:${key}`;
  }

  /** The team's value, or null when no engine has written one yet. Throws when the database is away. */
  async read(): Promise<T | null> {
    const row = (await this.parts.pool.query<{ content: string }>(`SELECT content FROM ${this.table} WHERE key = $1`, [this.key])).rows[0];
    if (row === undefined) return null;
    try {
      const value = this.parse(JSON.parse(this.parts.cipher.open(this.sealId, row.content)) as unknown);
      if (value === null) throw new Error('unexpected shape');
      return value;
    } catch (error) {
      this.parts.logger.warn({ setting: this.key, reason: error instanceof Error ? error.message : String(error) }, 'Ignoring a shared setting that cannot be read');
      return null;
    }
  }

  /** Writes the team's value; `onlyIfAbsent` keeps one another engine wrote first. Throws when the database is away. */
  async write(value: T, onlyIfAbsent = false): Promise<void> {
    const conflict = onlyIfAbsent ? 'DO NOTHING' : 'DO UPDATE SET content = EXCLUDED.content, updated_at = now(), updated_by = EXCLUDED.updated_by';
    await this.parts.pool.query(
      `WITH written AS (INSERT INTO ${this.table} (key, content, updated_by) VALUES ($1, $2, $3) ON CONFLICT (key) ${conflict} RETURNING 1)
       SELECT pg_notify($4, $1) FROM written`,
      [this.key, this.parts.cipher.seal(this.sealId, JSON.stringify(value)), this.parts.instanceId, this.table],
    );
  }

  /** Calls `onChange` after any engine writes this key, and after notifications resume from an outage. */
  async watch(onChange: () => void): Promise<void> {
    if (this.listener) return;
    this.listener = new PostgresListener(this.parts.clientConfig, this.table, (payload) => {
      if (payload === null || payload === this.key) onChange();
    }, this.parts.logger);
    await this.listener.start();
  }

  stop(): void {
    this.listener?.stop();
    this.listener = null;
  }
}
