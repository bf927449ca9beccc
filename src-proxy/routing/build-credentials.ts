import { createHash } from 'node:crypto';
import type { EngineConfig } from '../config/engine-config';
import type { Credential } from './credential';

/**
 * Turns the API-key sections of config into credentials. One `openai-compatibility` entry with three
 * `api-key-entries` is three credentials sharing models, prefix and headers.
 */
export function buildCredentials(config: EngineConfig): Credential[] {
  const credentials: Credential[] = [];
  for (const entry of config.openaiCompatibility) {
    if (entry.disabled) continue;
    entry.apiKeyEntries.forEach((keyEntry, keyIndex) => {
      credentials.push({
        id: stableId('openai-compatibility', entry.baseUrl, keyEntry.apiKey, keyEntry.proxyUrl, entry.prefix, entry.name),
        provider: 'openai-compatible',
        providerKey: `openai-compatible-${entry.name.toLowerCase()}`,
        label: entry.apiKeyEntries.length > 1 ? `${entry.name} #${keyIndex + 1}` : entry.name,
        order: credentials.length,
        prefix: entry.prefix,
        priority: entry.priority,
        baseUrl: entry.baseUrl,
        apiKey: keyEntry.apiKey,
        proxyUrl: keyEntry.proxyUrl,
        headers: entry.headers,
        models: entry.models.length > 0 ? entry.models.map((model) => ({ name: model.name, alias: model.alias })) : null,
        excludedModels: entry.excludedModels,
      });
    });
  }
  return credentials;
}

/** Like CLIProxyAPI's auth index: 16 hex chars of SHA-256 over what identifies the entry. */
function stableId(section: string, ...parts: string[]): string {
  return createHash('sha256').update(`${section}:${parts.join('+')}`).digest('hex').slice(0, 16);
}
