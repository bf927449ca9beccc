/**
 * The store as `/healthz` reports it (team server only; the files store adds nothing). Never a host,
 * user or error text: /healthz answers without authentication.
 */
export interface StoreHealth {
  type: 'postgres';
  /** `ready`: the database answered just now; `unreachable`: it did not (the engine keeps serving). */
  state: 'ready' | 'unreachable';
  /** The newest migration applied to the schema; null while an engine started without the database has not joined. */
  schemaVersion: number | null;
  /** Present only then: the accounts served come from the engine's local copy. */
  accounts?: 'local-copy';
}
