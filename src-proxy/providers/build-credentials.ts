import { createHash } from 'node:crypto';
import type { ApiKeyEntry, ClaudeApiKeyEntry, EngineConfig } from '../config/engine-config';
import type { Credential, ModelAlias } from '../routing/credential';
import { getProvider } from './registry';

/**
 * Turns the API-key sections of config into credentials. One `openai-compatibility` entry with three
 * `api-key-entries` is three credentials sharing models, prefix and headers. Claude, Gemini and Codex
 * keys without `models` serve their provider's built-in catalog (docs/providers.md#model-lists), from the registry.
 */
export function buildCredentials(config: EngineConfig): Credential[] {
  const credentials: Credential[] = [];
  const add = (credential: Omit<Credential, 'order'>) => credentials.push({ ...credential, order: credentials.length });
  for (const entry of config.openaiCompatibility) {
    if (entry.disabled) continue;
    entry.apiKeyEntries.forEach((keyEntry, keyIndex) => {
      add({
        id: stableId('openai-compatibility', entry.baseUrl, keyEntry.apiKey, keyEntry.proxyUrl, entry.prefix, entry.name),
        provider: 'openai-compatible',
        providerKey: `openai-compatible-${entry.name.toLowerCase()}`,
        label: entry.apiKeyEntries.length > 1 ? `${entry.name} #${keyIndex + 1}` : entry.name,
        prefix: entry.prefix,
        priority: entry.priority,
        weight: keyEntry.weight,
        baseUrl: entry.baseUrl,
        apiKey: keyEntry.apiKey,
        proxyUrl: keyEntry.proxyUrl,
        headers: entry.headers,
        models: entry.models.length > 0 ? entry.models.map(({ name, alias, forceMapping }) => (forceMapping ? { name, alias, forceMapping } : { name, alias })) : null,
        excludedModels: entry.excludedModels,
      });
    });
  }
  const sections = [
    { entries: config.claudeApiKey, section: 'claude-api-key', provider: 'claude-api', providerKey: 'claude' },
    { entries: config.geminiApiKey, section: 'gemini-api-key', provider: 'gemini-api', providerKey: 'gemini' },
    { entries: config.codexApiKey, section: 'codex-api-key', provider: 'codex-api', providerKey: 'codex' },
  ] as const;
  for (const { entries, section, provider, providerKey } of sections) {
    const catalog = getProvider(provider).models ?? [];
    for (const entry of entries as readonly ApiKeyEntry[]) {
      add({
        id: stableId(section, entry.baseUrl, entry.apiKey, entry.proxyUrl, entry.prefix),
        provider,
        providerKey,
        label: `${section}[${entry.index}]`,
        prefix: entry.prefix,
        priority: entry.priority,
        weight: entry.weight,
        baseUrl: entry.baseUrl,
        apiKey: entry.apiKey,
        proxyUrl: entry.proxyUrl,
        headers: entry.headers,
        models: entry.models.length > 0 ? entry.models.map(({ name, alias, forceMapping }) => (forceMapping ? { name, alias, forceMapping } : { name, alias })) : catalogModels(catalog),
        excludedModels: entry.excludedModels,
        ...cloakOf(entry),
        // claude-header-defaults shape the Claude Code identity a cloaked API-key request presents, as for logins.
        ...(section === 'claude-api-key' ? { headerDefaults: config.claudeHeaderDefaults } : {}),
      });
    }
  }
  return credentials;
}

/** Only `claude-api-key` entries carry a cloak block; not part of the stable id (cooldowns survive edits). */
function cloakOf(entry: ApiKeyEntry | ClaudeApiKeyEntry): Pick<Credential, 'cloak'> {
  return 'cloak' in entry && entry.cloak ? { cloak: entry.cloak } : {};
}

function catalogModels(catalog: readonly string[]): ModelAlias[] {
  return catalog.map((id) => ({ name: id, alias: id }));
}

/** Like CLIProxyAPI's auth index: 16 hex chars of SHA-256 over what identifies the entry. */
function stableId(section: string, ...parts: string[]): string {
  return createHash('sha256').update(`${section}:${parts.join('+')}`).digest('hex').slice(0, 16);
}
