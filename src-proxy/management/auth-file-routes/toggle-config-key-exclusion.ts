import { isMap, isSeq, type Document } from 'yaml';
import type { EngineConfig } from '../../config/engine-config';
import { deleteConfigValue, setConfigValue } from '../../config/config-document';
import { allProviders } from '../../providers/registry';
import type { Credential } from '../../routing/credential';

/** The pattern CPA's status toggle adds to a config key's `excluded-models`: a lone `*` excludes every model (docs/config.md#credential-entries). */
export const disableAllPattern = '*';

/** Where a config API-key credential lives in config.yaml: section and position in its list. */
export interface ConfigEntryLocation {
  /** A provider's API-key section (`ProviderApiKeys.section`: `claude-api-key`, `vertex-api-key`, ...) or `openai-compatibility`. */
  section: string;
  index: number;
}

/**
 * Finds the YAML entry a config credential was built from by the fields its id is made of (key, base URL,
 * proxy, prefix), in its provider's API-key section (the registry's `apiKeys`). An `openai-compatibility` entry holds several keys: its `excluded-models` then applies to
 * all of them. Legacy `generative-language-api-key` keys sit past the end of the YAML list, where
 * toggleExclusion finds no mapping to edit.
 */
export function locateConfigEntry(credential: Credential, config: EngineConfig): ConfigEntryLocation | null {
  const same = (entry: { apiKey: string; baseUrl: string; proxyUrl: string; prefix: string }) =>
    entry.apiKey === credential.apiKey && entry.baseUrl === credential.baseUrl && entry.proxyUrl === credential.proxyUrl && entry.prefix === credential.prefix;
  const apiKeys = allProviders().find((provider) => provider.id === credential.provider)?.apiKeys;
  if (apiKeys) {
    const entry = apiKeys.entries(config).find(same);
    return entry ? { section: apiKeys.section, index: entry.index } : null;
  }
  if (credential.provider !== 'openai-compatible') return null;
  const entry = config.openaiCompatibility.find(
    (candidate) =>
      `openai-compatible-${candidate.name.toLowerCase()}` === credential.providerKey &&
      candidate.baseUrl === credential.baseUrl &&
      candidate.prefix === credential.prefix &&
      candidate.apiKeyEntries.some((key) => same({ apiKey: key.apiKey, baseUrl: candidate.baseUrl, proxyUrl: key.proxyUrl, prefix: candidate.prefix })),
  );
  return entry ? { section: 'openai-compatibility', index: entry.index } : null;
}

/**
 * Adds (disable) or removes (enable) `*` in the entry's `excluded-models` in the Document, keeping every
 * other pattern; an emptied list is removed. Returns false when the YAML has no mapping at that position.
 */
export function toggleExclusion(document: Document, location: ConfigEntryLocation, disabled: boolean): boolean {
  const entryPath = [location.section, location.index];
  if (!isMap(document.getIn(entryPath))) return false;
  const listPath = [...entryPath, 'excluded-models'];
  const node = document.getIn(listPath);
  const current = isSeq(node) ? (node.toJSON() as unknown[]).filter((item): item is string => typeof item === 'string') : [];
  const kept = current.filter((pattern) => pattern.trim() !== disableAllPattern);
  const next = disabled ? [...kept, disableAllPattern] : kept;
  if (next.length === 0) deleteConfigValue(document, listPath);
  else setConfigValue(document, listPath, next);
  return true;
}
