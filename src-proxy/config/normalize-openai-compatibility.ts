import { CONFIG_DEFAULTS } from './config-defaults';
import type { ParsedConfig } from './config-schema';
import type { OpenAICompatibilityApiKeyEntry, OpenAICompatibilityEntry } from './config-entry-types';
import {
  normalizeExcludedModels,
  normalizeHeaders,
  normalizeModels,
  normalizePrefix,
  normalizeWeight,
  trimBaseUrl,
  uniqueTrimmed,
} from './normalize-credential-fields';

type ParsedEntry = NonNullable<ParsedConfig['openai-compatibility']>[number];

/**
 * docs/config.md#loading-and-normalisation, docs/config.md#credential-entries rules for `openai-compatibility`: entries without a base-url cannot be called and are
 * dropped; every kept entry has at least one (possibly keyless) api-key entry and every model an alias.
 */
export function normalizeOpenAICompatibility(
  entries: readonly ParsedEntry[],
  warn: (message: string) => void,
): OpenAICompatibilityEntry[] {
  const result: OpenAICompatibilityEntry[] = [];
  entries.forEach((entry, index) => {
    const where = describeEntry(entry, index);
    const baseUrl = trimBaseUrl(entry['base-url']);
    if (baseUrl === '') {
      warn(`${where} has no base-url and is ignored`);
      return;
    }
    result.push({
      name: entry.name?.trim() ?? '',
      prefix: normalizePrefix(entry.prefix),
      baseUrl,
      headers: normalizeHeaders(entry.headers),
      apiKeyEntries: normalizeApiKeyEntries(entry),
      models: normalizeModels(entry.models, where, warn),
      excludedModels: normalizeExcludedModels(entry['excluded-models'] ?? []),
      disabled: entry.disabled ?? false,
      priority: entry.priority ?? 0,
      index,
    });
  });
  return result;
}

function describeEntry(entry: ParsedEntry, index: number): string {
  const name = entry.name?.trim() ?? '';
  return `openai-compatibility[${index}]${name === '' ? '' : ` ("${name}")`}`;
}

/** Merges the legacy `api-keys` list into `api-key-entries`; duplicates collapse; none -> one keyless entry. */
function normalizeApiKeyEntries(entry: ParsedEntry): OpenAICompatibilityApiKeyEntry[] {
  const result: OpenAICompatibilityApiKeyEntry[] = [];
  for (const keyEntry of entry['api-key-entries'] ?? []) {
    const apiKey = keyEntry['api-key']?.trim() ?? '';
    const proxyUrl = keyEntry['proxy-url']?.trim() ?? '';
    if (!result.some((kept) => kept.apiKey === apiKey && kept.proxyUrl === proxyUrl)) {
      result.push({ apiKey, proxyUrl, weight: normalizeWeight(keyEntry.weight) });
    }
  }
  // Legacy keys (Nov-2025) carry no proxy; one already listed in api-key-entries is the same credential.
  for (const apiKey of uniqueTrimmed(entry['api-keys'] ?? [])) {
    if (!result.some((kept) => kept.apiKey === apiKey)) result.push({ apiKey, proxyUrl: '', weight: CONFIG_DEFAULTS.credentialWeight });
  }
  return result.length > 0 ? result : [{ apiKey: '', proxyUrl: '', weight: CONFIG_DEFAULTS.credentialWeight }];
}
