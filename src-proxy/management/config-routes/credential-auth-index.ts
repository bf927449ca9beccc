import type { Credential } from '../../routing/credential';
import { isPlainObject } from './config-edit';

type Entry = Record<string, unknown>;

/**
 * docs/management-api.md#list-sections: each list entry the engine serves from carries its credential's
 * `auth-index`, the id `POST /api-call`, `/auth-files/status` and `/reset-quota` take (CPA sends it; its panel shows
 * it, and fetches a provider's models with it). An entry nothing serves (dropped, repeated, disabled) has none.
 * `openai-compatibility` puts it on each `api-key-entries` item, or on the entry itself when it has no keys.
 */
export function withAuthIndexes(section: string, entries: unknown[], live: readonly Credential[]): unknown[] {
  return entries.map((entry, index) => {
    if (!isPlainObject(entry)) return entry;
    const served = live.filter((credential) => credential.configEntry?.section === section && credential.configEntry.index === index);
    if (section !== 'openai-compatibility') return annotate(entry, served[0]);
    const keyEntries = entry['api-key-entries'];
    if (!Array.isArray(keyEntries) || keyEntries.length === 0) return annotate(entry, served.find((credential) => credential.apiKey === ''));
    return {
      ...entry,
      'api-key-entries': keyEntries.map((keyEntry: unknown) =>
        isPlainObject(keyEntry)
          ? annotate(keyEntry, served.find((credential) => credential.apiKey === trimmed(keyEntry['api-key']) && credential.proxyUrl === trimmed(keyEntry['proxy-url'])))
          : keyEntry,
      ),
    };
  });
}

/** A PUT or PATCH body's entry without `auth-index` (also inside `api-key-entries`): it is a view of the live credential, never stored (CPA's config has no such field). */
export function withoutAuthIndex(entry: Entry): Entry {
  const { 'auth-index': _dropped, ...kept } = entry;
  const keyEntries = kept['api-key-entries'];
  if (!Array.isArray(keyEntries)) return kept;
  return { ...kept, 'api-key-entries': keyEntries.map((keyEntry: unknown) => (isPlainObject(keyEntry) ? withoutAuthIndex(keyEntry) : keyEntry)) };
}

function annotate(entry: Entry, credential: Credential | undefined): Entry {
  return credential === undefined ? entry : { ...entry, 'auth-index': credential.id };
}

function trimmed(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
