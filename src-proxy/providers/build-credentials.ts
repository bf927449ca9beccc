import { createHash } from 'node:crypto';
import type { ApiKeyEntry, ClaudeApiKeyEntry, EngineConfig } from '../config/engine-config';
import type { Credential, ModelAlias } from '../routing/credential';
import { allProviders } from './registry';

/**
 * Turns the API-key sections of config into credentials. One `openai-compatibility` entry with three
 * `api-key-entries` is three credentials sharing models, prefix and headers. Then each provider that declares
 * an `apiKeys` section, in registry order: a key without `models` serves its provider's built-in catalog
 * (docs/providers.md#model-lists).
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
        configEntry: { section: 'openai-compatibility', index: entry.index },
      });
    });
  }
  for (const provider of allProviders()) {
    if (!provider.apiKeys) continue;
    const { section, providerKey, entries, fromConfig } = provider.apiKeys;
    const catalog = provider.models ?? [];
    for (const entry of entries(config)) {
      add({
        id: stableId(section, entry.baseUrl, entry.apiKey, entry.proxyUrl, entry.prefix),
        provider: provider.id,
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
        configEntry: { section, index: entry.index },
        ...cloakOf(entry),
        ...fromConfig?.(config),
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
