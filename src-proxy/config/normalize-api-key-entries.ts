import { CONFIG_DEFAULTS } from './config-defaults';
import type { ClaudeCloakMode, ParsedConfig } from './config-schema';
import type { ApiKeyEntry, ClaudeApiKeyEntry, ClaudeCloakConfig } from './config-entry-types';
import {
  normalizeExcludedModels,
  normalizeWeight,
  normalizeHeaders,
  normalizeModels,
  normalizePrefix,
  trimBaseUrl,
  uniqueTrimmed,
} from './normalize-credential-fields';

type ParsedApiKeyEntry = NonNullable<ParsedConfig['gemini-api-key']>[number];
type ParsedClaudeEntry = NonNullable<ParsedConfig['claude-api-key']>[number];
type Warn = (message: string) => void;

/** One list item with where it came from, so warnings and `index` point at the file. */
interface SourceEntry<P> {
  parsed: P;
  /** Key path for warnings, e.g. `gemini-api-key[2]`. */
  where: string;
  index: number;
}

interface SectionRules {
  /** Used when the entry has no base-url; '' = none. */
  defaultBaseUrl: string;
  /** Why an entry cannot be used (it is dropped with this reason), or null to keep it. Gets trimmed values. */
  unusableBecause: (apiKey: string, baseUrl: string) => string | null;
}

const CLAUDE_RULES: SectionRules = {
  defaultBaseUrl: CONFIG_DEFAULTS.claudeBaseUrl,
  unusableBecause: () => null,
};

const GEMINI_RULES: SectionRules = {
  defaultBaseUrl: CONFIG_DEFAULTS.geminiBaseUrl,
  unusableBecause: (apiKey, baseUrl) =>
    apiKey === '' && baseUrl === '' ? 'has neither api-key nor base-url and is ignored' : null,
};

// CPA has a default Codex endpoint but still drops codex entries without base-url at load (docs/config.md#loading-and-normalisation);
// we do the same so a file selects the same credentials in both.
const CODEX_RULES: SectionRules = {
  defaultBaseUrl: '',
  unusableBecause: (_apiKey, baseUrl) =>
    baseUrl === '' ? 'has no base-url and is ignored; CLIProxyAPI drops such entries too' : null,
};

// CPA drops vertex entries without an api-key (its SanitizeVertexCompatKeys); the base URL defaults to Vertex AI's global endpoint.
const VERTEX_RULES: SectionRules = {
  defaultBaseUrl: CONFIG_DEFAULTS.vertexBaseUrl,
  unusableBecause: (apiKey) => (apiKey === '' ? 'has no api-key and is ignored; CLIProxyAPI drops such entries too' : null),
};

/**
 * docs/config.md#loading-and-normalisation, docs/config.md#credential-entries rules for `claude-api-key`; `cloak` stays null unless the entry has a cloak block. A block
 * without `mode` gets `defaultMode` ('never' under `disable-claude-cloak-mode`, else 'auto').
 */
export function normalizeClaudeApiKeys(
  entries: readonly ParsedClaudeEntry[],
  warn: Warn,
  defaultMode: ClaudeCloakMode = CONFIG_DEFAULTS.claudeCloakMode,
): ClaudeApiKeyEntry[] {
  return normalizeEntries(listSources(entries, 'claude-api-key'), CLAUDE_RULES, warn, (entry, parsed) => ({
    ...entry,
    cloak: normalizeCloak(parsed.cloak, defaultMode),
  }));
}

/**
 * docs/config.md#loading-and-normalisation, docs/config.md#credential-entries rules for `gemini-api-key`. Keys of the legacy (Nov-2025) `generative-language-api-key`
 * list are merged in as `{ api-key }` entries after them, as CPA did when it migrated that list.
 */
export function normalizeGeminiApiKeys(
  entries: readonly ParsedApiKeyEntry[],
  legacyKeys: readonly string[],
  warn: Warn,
): ApiKeyEntry[] {
  const legacy = legacyKeys.map(
    (apiKey, position): SourceEntry<ParsedApiKeyEntry> => ({
      parsed: { 'api-key': apiKey },
      where: `generative-language-api-key[${position}]`,
      index: entries.length + position,
    }),
  );
  return normalizeEntries([...listSources(entries, 'gemini-api-key'), ...legacy], GEMINI_RULES, warn, (entry) => entry);
}

/** docs/config.md#loading-and-normalisation, docs/config.md#credential-entries rules for `codex-api-key`: entries without base-url are dropped, as in CPA. */
export function normalizeCodexApiKeys(entries: readonly ParsedApiKeyEntry[], warn: Warn): ApiKeyEntry[] {
  return normalizeEntries(listSources(entries, 'codex-api-key'), CODEX_RULES, warn, (entry) => entry);
}

/** docs/config.md#loading-and-normalisation, docs/config.md#credential-entries rules for `vertex-api-key`: entries without api-key are dropped, as in CPA. */
export function normalizeVertexApiKeys(entries: readonly ParsedApiKeyEntry[], warn: Warn): ApiKeyEntry[] {
  return normalizeEntries(listSources(entries, 'vertex-api-key'), VERTEX_RULES, warn, (entry) => entry);
}

function listSources<P>(entries: readonly P[], section: string): SourceEntry<P>[] {
  return entries.map((parsed, index) => ({ parsed, where: `${section}[${index}]`, index }));
}

/**
 * The fields every API-key section shares: trimmed, defaulted, unusable entries dropped, and an entry
 * that repeats an earlier one (same api-key, base-url, proxy-url and prefix: the same upstream
 * credential) dropped with a warning. `build` adds the section's own fields.
 */
function normalizeEntries<P extends ParsedApiKeyEntry, E extends ApiKeyEntry>(
  sources: readonly SourceEntry<P>[],
  rules: SectionRules,
  warn: Warn,
  build: (entry: ApiKeyEntry, parsed: P) => E,
): E[] {
  const result: E[] = [];
  const firstSeenAt = new Map<string, string>();
  for (const { parsed, where, index } of sources) {
    const apiKey = parsed['api-key']?.trim() ?? '';
    const writtenBaseUrl = trimBaseUrl(parsed['base-url']);
    const reason = rules.unusableBecause(apiKey, writtenBaseUrl);
    if (reason !== null) {
      warn(`${where} ${reason}`);
      continue;
    }
    const baseUrl = writtenBaseUrl === '' ? rules.defaultBaseUrl : writtenBaseUrl;
    const prefix = normalizePrefix(parsed.prefix);
    const proxyUrl = parsed['proxy-url']?.trim() ?? '';
    const identity = JSON.stringify([apiKey, baseUrl, proxyUrl, prefix]);
    const earlier = firstSeenAt.get(identity);
    if (earlier !== undefined) {
      warn(`${where} repeats ${earlier} (same api-key, base-url, proxy-url and prefix) and is ignored`);
      continue;
    }
    firstSeenAt.set(identity, where);
    const entry: ApiKeyEntry = {
      apiKey,
      baseUrl,
      prefix,
      priority: parsed.priority ?? 0,
      weight: normalizeWeight(parsed.weight),
      proxyUrl,
      headers: normalizeHeaders(parsed.headers),
      models: normalizeModels(parsed.models, where, warn),
      excludedModels: normalizeExcludedModels(parsed['excluded-models'] ?? []),
      index,
    };
    result.push(build(entry, parsed));
  }
  return result;
}

function normalizeCloak(cloak: ParsedClaudeEntry['cloak'], defaultMode: ClaudeCloakMode): ClaudeCloakConfig | null {
  if (cloak === null || cloak === undefined) return null;
  return {
    mode: cloak.mode ?? defaultMode,
    strictMode: cloak['strict-mode'] ?? false,
    sensitiveWords: uniqueTrimmed(cloak['sensitive-words'] ?? []),
    cacheUserId: cloak['cache-user-id'] ?? false,
  };
}
