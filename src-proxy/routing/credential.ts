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
  baseUrl: string;
  apiKey: string;
  proxyUrl: string;
  headers: Record<string, string>;
  /** Configured models; null means the credential serves whatever model the client names. */
  models: ModelAlias[] | null;
  /** Lower-cased patterns with `*` wildcards, matched against client-visible ids. */
  excludedModels: string[];
  /**
   * Claude Code cloaking (spec 1.5 "Cloaking"): a `claude-api-key` entry's `cloak` block, mode already
   * defaulted (`disable-claude-cloak-mode`). Absent = never cloaked ("no cloak unless one is configured").
   * Claude OAuth files will fill it from their `cloak_*` keys.
   */
  cloak?: ClaudeCloakConfig;
}
