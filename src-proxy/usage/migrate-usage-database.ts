import type { Database } from 'better-sqlite3';

/**
 * Schema steps, in order; `PRAGMA user_version` holds how many have run. Append a step to change the
 * schema, never edit one that shipped: a user's file may be at any version.
 */
const migrations: readonly string[] = [
  // 1: raw requests (pruned after the retention) and hourly aggregates (kept forever).
  `CREATE TABLE usage_requests (
     id INTEGER PRIMARY KEY,
     time INTEGER NOT NULL,
     request_id TEXT,
     client_key TEXT,
     client_protocol TEXT,
     route TEXT NOT NULL,
     provider TEXT,
     credential TEXT,
     account_label TEXT,
     model TEXT,
     upstream_model TEXT,
     stream INTEGER NOT NULL,
     status INTEGER NOT NULL,
     latency_ms INTEGER NOT NULL,
     ttfb_ms INTEGER,
     attempts INTEGER NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     cached_tokens INTEGER NOT NULL,
     reasoning_tokens INTEGER NOT NULL,
     total_tokens INTEGER NOT NULL,
     failed INTEGER NOT NULL,
     error TEXT
   );
   CREATE INDEX usage_requests_time ON usage_requests (time);
   CREATE TABLE usage_hourly (
     hour INTEGER NOT NULL,
     model TEXT NOT NULL,
     credential TEXT NOT NULL,
     client_key TEXT NOT NULL,
     provider TEXT NOT NULL,
     account_label TEXT NOT NULL,
     requests INTEGER NOT NULL,
     failures INTEGER NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     cached_tokens INTEGER NOT NULL,
     reasoning_tokens INTEGER NOT NULL,
     total_tokens INTEGER NOT NULL,
     latency_ms_sum INTEGER NOT NULL,
     PRIMARY KEY (hour, model, credential, client_key, provider)
   ) WITHOUT ROWID;`,
];

export const usageSchemaVersion = migrations.length;

/** Brings the file to the current schema; refuses a file written by a newer version of the app. */
export function migrateUsageDatabase(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`usage database schema ${current} is newer than this app understands (${migrations.length})`);
  }
  db.transaction(() => {
    for (const step of migrations.slice(current)) db.exec(step);
    db.pragma(`user_version = ${migrations.length}`);
  })();
}
