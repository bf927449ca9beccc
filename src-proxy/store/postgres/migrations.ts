/**
 * The team server's schema, one entry per change, applied in order at engine start (run-migrations.ts).
 * Append only: a released migration is never edited, a later one alters what it made. `schema` is a
 * validated identifier (store-config.ts), so it is interpolated as is.
 */
export interface Migration {
  version: number;
  name: string;
  sql(schema: string): string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'auth records',
    // One row per auth file (id = CPA's file name). `content` is the file's JSON, encrypted
    // (auth-record-cipher.ts). `version` grows with every write: a refresh writes only over the version it read.
    // The trigger tells every engine (LISTEN <schema>.auth_records) of any change, whoever wrote it.
    sql: (schema) => `
      CREATE TABLE ${schema}.auth_records (
        id text PRIMARY KEY,
        content text NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      );
      CREATE FUNCTION ${schema}.notify_auth_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '.auth_records', COALESCE(NEW.id, OLD.id));
        RETURN NULL;
      END $$;
      CREATE TRIGGER auth_records_notify AFTER INSERT OR UPDATE OR DELETE ON ${schema}.auth_records
        FOR EACH ROW EXECUTE FUNCTION ${schema}.notify_auth_record();
    `,
  },
  {
    version: 2,
    name: 'usage requests',
    // Every engine's requests: `local_id` is the row's id in that engine's local history (usage.sqlite),
    // which buffers while the database is away; (instance_id, local_id) makes a resend harmless. The
    // dimensions the team's charts group by are columns; `row` is the whole UsageRequestRow.
    sql: (schema) => `
      CREATE TABLE ${schema}.usage_requests (
        instance_id text NOT NULL,
        local_id bigint NOT NULL,
        at timestamptz NOT NULL,
        client_key text,
        provider text,
        credential text,
        model text,
        status integer NOT NULL,
        failed boolean NOT NULL,
        total_tokens bigint NOT NULL,
        row jsonb NOT NULL,
        PRIMARY KEY (instance_id, local_id)
      );
      CREATE INDEX usage_requests_at ON ${schema}.usage_requests (at);
    `,
  },
  {
    version: 3,
    name: 'credential cooldowns',
    // The blocks every engine honours (a 429, a dead login): one row per credential and model ('' = the
    // whole credential), the absolute end in ms since the epoch (engines' clocks are assumed in sync, NTP).
    // Writers notify the other engines themselves (shared-cooldowns.ts), with the row as the payload.
    sql: (schema) => `
      CREATE TABLE ${schema}.credential_cooldowns (
        credential text NOT NULL,
        model text NOT NULL,
        blocked_until bigint NOT NULL,
        reason text NOT NULL,
        quota boolean NOT NULL,
        quota_level integer NOT NULL,
        updated_by text NOT NULL,
        PRIMARY KEY (credential, model)
      );
    `,
  },
  {
    version: 4,
    name: 'shared settings',
    // The parts of config.yaml a team shares (docs/team-server.md#what-is-shared): one row per config key,
    // its value as JSON sealed with the store key (client API keys are secrets). Writers notify
    // <schema>.shared_settings with the key as payload.
    sql: (schema) => `
      CREATE TABLE ${schema}.shared_settings (
        key text PRIMARY KEY,
        content text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'shared settings versions',
    // Every shared key of config.yaml has a row (null content = the team does not set it); a write takes the
    // next number of the sequence, and a row is only ever replaced by a higher one, so concurrent writers
    // end in the same state everywhere: the higher version (the later writer) wins each key. Rows written
    // before keep version 0.
    sql: (schema) => `
      ALTER TABLE ${schema}.shared_settings ADD COLUMN version bigint NOT NULL DEFAULT 0;
      CREATE SEQUENCE ${schema}.shared_settings_version;
    `,
  },
  {
    version: 6,
    name: 'quota readings',
    // The latest quota reading per credential (what an upstream's headers, a quota error or a usage endpoint
    // told an engine: percentages, resets, plan; no token), `read_at` in ms since the epoch. A row is only
    // replaced by a newer reading. Writers notify <schema>.quota_readings with the reading as payload.
    sql: (schema) => `
      CREATE TABLE ${schema}.quota_readings (
        credential text PRIMARY KEY,
        reading jsonb NOT NULL,
        read_at bigint NOT NULL,
        updated_by text NOT NULL
      );
    `,
  },
];
