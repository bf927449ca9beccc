import { PostgresListener } from './postgres-listener';
import type { PostgresParts } from './postgres-parts';

/** One shared key as the team has it: its value (null = not set) and the version of the write that set it. */
export interface SharedValue {
  value: unknown;
  version: number;
}

/**
 * The config keys a team shares (docs/team-server.md#what-is-shared), rows of `<schema>.shared_settings`:
 * each value as JSON sealed with the store key (`setting:<key>` as associated data: client keys and upstream
 * keys are secrets), with the version of the write that set it. One write is one statement: its keys get one
 * new version together and replace only rows of a lower version, then every engine is told on the table's
 * channel. A row that does not decrypt or parse reads as absent, with a warning.
 */
export class SharedSettings {
  private readonly table: string;
  private listener: PostgresListener | null = null;

  constructor(
    private readonly parts: PostgresParts,
    private readonly keys: readonly string[],
  ) {
    this.table = `${parts.schema}.shared_settings`;
  }

  /** The team's values of this engine's keys; a key no engine has written is missing. Throws when the database is away. */
  async read(): Promise<Map<string, SharedValue>> {
    const { rows } = await this.parts.pool.query<{ key: string; content: string; version: string }>(
      `SELECT key, content, version FROM ${this.table} WHERE key = ANY($1::text[])`,
      [this.keys],
    );
    const values = new Map<string, SharedValue>();
    for (const row of rows) {
      try {
        values.set(row.key, { value: JSON.parse(this.parts.cipher.open(sealId(row.key), row.content)) as unknown, version: Number(row.version) });
      } catch (error) {
        this.parts.logger.warn({ setting: row.key, reason: error instanceof Error ? error.message : String(error) }, 'Ignoring a shared setting that cannot be read');
      }
    }
    return values;
  }

  /**
   * Writes `values` under one new version and returns it; `onlyIfAbsent` writes only keys no engine has
   * written yet (null when it wrote none). Throws when the database is away.
   */
  async write(values: ReadonlyMap<string, unknown>, onlyIfAbsent = false): Promise<number | null> {
    const keys = [...values.keys()].sort();
    const contents = keys.map((key) => this.parts.cipher.seal(sealId(key), JSON.stringify(values.get(key) ?? null)));
    const conflict = onlyIfAbsent
      ? 'DO NOTHING'
      : `DO UPDATE SET content = EXCLUDED.content, version = EXCLUDED.version, updated_at = now(), updated_by = EXCLUDED.updated_by WHERE ${this.table}.version < EXCLUDED.version`;
    const { rows } = await this.parts.pool.query<{ version: string }>(
      `WITH next AS (SELECT nextval('${this.parts.schema}.shared_settings_version') AS version),
       written AS (
         INSERT INTO ${this.table} (key, content, version, updated_by)
         SELECT given.key, given.content, next.version, $3 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS given(key, content, position), next
         ORDER BY given.position
         ON CONFLICT (key) ${conflict}
         RETURNING version)
       SELECT version, pg_notify($4, version::text) FROM written LIMIT 1`,
      [keys, contents, this.parts.instanceId, this.table],
    );
    const version = rows[0]?.version;
    return version === undefined ? null : Number(version);
  }

  /** Calls `onChange` after any engine writes, and after notifications resume from an outage. */
  async watch(onChange: () => void): Promise<void> {
    if (this.listener) return;
    this.listener = new PostgresListener(this.parts.clientConfig, this.table, () => onChange(), this.parts.logger);
    await this.listener.start();
  }

  stop(): void {
    this.listener?.stop();
    this.listener = null;
  }
}

function sealId(key: string): string {
  return `setting:${key}`;
}
