import { z } from 'zod';
import { CONFIG_DEFAULTS } from '../config/config-defaults';

/**
 * The `store:` block of config.yaml, our own key (CLIProxyAPI picks its PostgreSQL store by environment,
 * PGSTORE_DSN). `files` (the default) keeps accounts in auth-dir and usage in local SQLite; `postgres`
 * is the team server (docs/team-server.md). Either `store: postgres` or the block form below.
 */
export const storeKinds = ['files', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

/** node-postgres' TLS choices; `sslmode` in the DSN wins over this key (it parses the DSN last). */
export const postgresSslModes = ['disable', 'require', 'verify-full'] as const;
export type PostgresSslMode = (typeof postgresSslModes)[number];

export const storeConfigSchema = z.union([
  z.enum(storeKinds),
  z.looseObject({
    type: z.enum(storeKinds).nullish(),
    /** `postgres://user:password@host:5432/db`; empty = the CLIPROXY_PG_DSN environment variable. */
    dsn: z.string().nullish(),
    /** Where the tables live; quoted nowhere, so a plain lower-case identifier. */
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case PostgreSQL identifier (letters, digits, _)').nullish(),
    'ssl-mode': z.enum(postgresSslModes).nullish(),
    /** CA bundle (PEM) for `verify-full` against a private CA. */
    'ssl-root-cert': z.string().nullish(),
  }),
]);

export type ParsedStoreConfig = z.infer<typeof storeConfigSchema>;

export interface StoreConfig {
  type: StoreKind;
  /** From config.yaml only ('' = not set); the environment is read when the store opens. */
  dsn: string;
  schema: string;
  /** '' = as the DSN says (node-postgres' default: no TLS). */
  sslMode: PostgresSslMode | '';
  /** Absolute path or ''. */
  sslRootCert: string;
}

/** `resolvePath` makes a config-relative path absolute (the config folder's rule for every path key). */
export function normalizeStoreConfig(parsed: ParsedStoreConfig | null | undefined, resolvePath: (path: string) => string): StoreConfig {
  const block = typeof parsed === 'string' ? { type: parsed } : (parsed ?? {});
  const rootCert = block['ssl-root-cert']?.trim() ?? '';
  return {
    type: block.type ?? CONFIG_DEFAULTS.store,
    dsn: block.dsn?.trim() ?? '',
    schema: block.schema ?? CONFIG_DEFAULTS.storePostgresSchema,
    sslMode: block['ssl-mode'] ?? '',
    sslRootCert: rootCert === '' ? '' : resolvePath(rootCert),
  };
}
