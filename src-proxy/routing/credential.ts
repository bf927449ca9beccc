import type { ClaudeCloakConfig } from '../config/engine-config';

/**
 * One upstream identity the engine can send a request with: an API-key entry from config (and, in a
 * later issue, an OAuth auth file). Built from config by `build-credentials.ts`; read-only afterwards.
 */
export interface ModelAlias {
  /** Upstream model name. */
  name: string;
  /** Client-visible id. */
  alias: string;
  /** `force-mapping`: answers name the alias, not the upstream model (docs/routing.md#aliases-and-force-mapping). */
  forceMapping?: boolean;
}

export interface Credential {
  /** Stable across restarts while the entry's key, base URL, proxy and prefix stay the same. */
  id: string;
  /** Provider definition id, e.g. 'openai-compatible'. */
  provider: string;
  /** Routing channel, e.g. 'openai-compatible-openrouter'. */
  providerKey: string;
  /** Safe to log and show: never contains key material. */
  label: string;
  /** Position in config, used by fill-first and as the stable round-robin order. */
  order: number;
  prefix: string;
  priority: number;
  /** `weight` of the config entry or auth file: share under weighted-round-robin; absent = 1, 0 = never picked by it. */
  weight?: number;
  baseUrl: string;
  apiKey: string;
  proxyUrl: string;
  headers: Record<string, string>;
  /** Configured models; null means the credential serves whatever model the client names. */
  models: ModelAlias[] | null;
  /** Lower-cased patterns with `*` wildcards, matched against client-visible ids. */
  excludedModels: string[];
  /**
   * Claude Code cloaking (docs/providers.md#claude-cloaking): a `claude-api-key` entry's `cloak` block, mode already
   * defaulted (`disable-claude-cloak-mode`). Absent = never cloaked ("no cloak unless one is configured").
   * Claude OAuth files will fill it from their `cloak_*` keys.
   */
  cloak?: ClaudeCloakConfig;
  /** Set for OAuth accounts (auth files): `apiKey` is then empty and the token comes from here per attempt. */
  oauth?: CredentialOAuth;
  /**
   * `claude-header-defaults` / `codex-header-defaults` as headers: they replace the provider's built-in
   * client fingerprint (Claude Code user agent and Stainless headers, Codex user agent). Absent = built-in.
   */
  headerDefaults?: Readonly<Record<string, string>>;
  /**
   * A config credential's entry: its list in config.yaml and position there (before dropped entries are removed).
   * The management lists put the credential's id on that entry as `auth-index`. Absent for auth files.
   */
  configEntry?: { section: string; index: number };
}

/** An OAuth account's token source, bound to the engine's auth store and single-flight refresher. */
export interface CredentialOAuth {
  /** A current access token; refreshed first when it is expired or about to be. Throws when the account needs a new login. */
  accessToken(): Promise<string>;
  /** After the upstream rejected `rejected` with 401: a refreshed token (or the one a concurrent request already got). */
  refreshAfterUnauthorized(rejected: string): Promise<string>;
  /** Claude: the file's `claude_device_ids[0]` and `account_uuid`, for `metadata.user_id`. */
  deviceId: string;
  accountUuid: string;
  /** Codex: the ChatGPT account id (`account_id`, from the id_token), sent as `Chatgpt-Account-Id`. */
  accountId?: string;
  /** Gemini CLI: the Google Cloud project (`project_id`) put in the v1internal envelope. */
  projectId?: string;
}
