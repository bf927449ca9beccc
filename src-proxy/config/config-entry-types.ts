import type { ClaudeCloakMode } from './config-schema';
import type { ModelAlias } from './normalize-credential-fields';

/** The normalized entries of config's lists (payload rules, API keys, OpenAI-compatible services): EngineConfig's parts. */
export interface PayloadModelMatch {
  name: string;
  /** Target (upstream) format, lower-cased; absent = any. */
  protocol?: string;
  /** Client (source) format, lower-cased; absent = any. */
  fromProtocol?: string;
}

export interface PayloadRule {
  models: PayloadModelMatch[];
  /**
   * Path -> value. In `default`/`override` the value is the YAML value. In `defaultRaw`/`overrideRaw` every
   * value is a string of valid JSON text (non-string YAML values are serialized), to be inserted raw.
   */
  params: Record<string, unknown>;
}

export interface PayloadFilterRule {
  models: PayloadModelMatch[];
  /** Paths to delete. */
  params: string[];
}

export interface PayloadConfig {
  default: PayloadRule[];
  defaultRaw: PayloadRule[];
  override: PayloadRule[];
  overrideRaw: PayloadRule[];
  filter: PayloadFilterRule[];
}

export interface OpenAICompatibilityApiKeyEntry {
  /** '' = keyless (no Authorization header). */
  apiKey: string;
  /** '' = use the global proxy-url; 'direct'/'none' = bypass every proxy. */
  proxyUrl: string;
  /** Share under weighted-round-robin (default 1); 0 = never picked by that strategy. */
  weight: number;
}

export interface OpenAICompatibilityEntry {
  name: string;
  prefix: string;
  /** Never empty, no trailing '/'. */
  baseUrl: string;
  headers: Record<string, string>;
  /** Never empty: an entry without keys gets one keyless entry. */
  apiKeyEntries: OpenAICompatibilityApiKeyEntry[];
  /** `alias` is what clients ask for; never empty (defaults to name). */
  models: ModelAlias[];
  /** Lower-cased wildcard patterns. */
  excludedModels: string[];
  disabled: boolean;
  priority: number;
  /** Position in the YAML `openai-compatibility` list (before dropped entries are removed). */
  index: number;
}

/** One `gemini-api-key` / `codex-api-key` entry (the fields `claude-api-key` entries share), docs/config.md#credential-entries. */
export interface ApiKeyEntry {
  /** '' only for a Gemini entry that has a base-url (a keyless gateway). */
  apiKey: string;
  /** Never empty, no trailing '/'. Claude and Gemini get the official API when the file has none. */
  baseUrl: string;
  prefix: string;
  /** Higher is preferred; default 0. */
  priority: number;
  /** Share under weighted-round-robin (default 1); 0 = never picked by that strategy. */
  weight: number;
  /** '' = use the global proxy-url; 'direct'/'none' = bypass every proxy. */
  proxyUrl: string;
  headers: Record<string, string>;
  /** `alias` is what clients ask for; never empty (defaults to name). Empty list = the provider's catalog. */
  models: ModelAlias[];
  /** Lower-cased wildcard patterns. */
  excludedModels: string[];
  /**
   * Position in the YAML list (before dropped entries are removed). Legacy `generative-language-api-key`
   * keys continue after the `gemini-api-key` items: the position CPA gives them when it migrates them.
   */
  index: number;
}

export interface ClaudeCloakConfig {
  mode: ClaudeCloakMode;
  strictMode: boolean;
  sensitiveWords: string[];
  cacheUserId: boolean;
}

export interface ClaudeApiKeyEntry extends ApiKeyEntry {
  /** null = no `cloak` block: the global default applies (`disable-claude-cloak-mode`). */
  cloak: ClaudeCloakConfig | null;
}
