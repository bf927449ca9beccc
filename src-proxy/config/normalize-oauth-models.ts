import type { ParsedConfig } from './config-schema';
import { normalizeExcludedModels } from './normalize-credential-fields';

/** One `oauth-model-alias` entry (docs/config.md#oauth-model-alias-and-oauth-excluded-models): requests for `alias` go upstream as `name`. */
export interface OAuthModelAlias {
  name: string;
  alias: string;
  /** true: the upstream `name` stays listed next to the alias. */
  fork: boolean;
  displayName: string;
  forceMapping: boolean;
}

type RawAlias = { name?: string | null; alias?: string | null; fork?: boolean | null; 'display-name'?: string | null; 'force-mapping'?: boolean | null };

/**
 * docs/config.md#loading-and-normalisation: channel keys lower-cased; entries with an empty name or alias, or name == alias (case-insensitive),
 * dropped; an alias is unique per channel (first wins, case-insensitive); one name may have several aliases.
 */
export function normalizeOAuthModelAlias(
  section: ParsedConfig['oauth-model-alias'],
  warn: (message: string) => void = () => undefined,
): Record<string, OAuthModelAlias[]> {
  const result: Record<string, OAuthModelAlias[]> = {};
  for (const [rawChannel, entries] of Object.entries(section ?? {})) {
    const channel = rawChannel.trim().toLowerCase();
    // A text value is the flat form, read by normalizeFlatModelAlias.
    if (channel === '' || typeof entries === 'string') continue;
    const list = normalizeAliasList(entries ?? [], (message) => warn(`oauth-model-alias.${channel}: ${message}`), result[channel] ?? []);
    if (list.length > 0) result[channel] = list;
  }
  return result;
}

/** One entry of the flat `oauth-model-alias` form: requests for `alias` go to `name` on every credential that serves it. */
export interface FlatModelAlias {
  alias: string;
  name: string;
}

/**
 * The flat form a widely read guide writes (`gemini: "gemini-2.5-pro"`): CPA itself reads only
 * `<channel>: [ { name, alias } ]`. Each pair becomes an alias over every provider serving the model, and
 * one notice per load shows the CPA form, so the file can be moved to it. Entries with an empty side or
 * an alias equal to its model are dropped; the first of two equal aliases wins (case-insensitive).
 */
export function normalizeFlatModelAlias(
  section: ParsedConfig['oauth-model-alias'],
  warn: (message: string) => void = () => undefined,
): FlatModelAlias[] {
  const result: FlatModelAlias[] = [];
  for (const [rawAlias, value] of Object.entries(section ?? {})) {
    if (typeof value !== 'string') continue;
    const alias = rawAlias.trim();
    const name = value.trim();
    if (alias === '' || name === '' || alias.toLowerCase() === name.toLowerCase()) continue;
    if (result.some((entry) => entry.alias.toLowerCase() === alias.toLowerCase())) continue;
    result.push({ alias, name });
  }
  if (result.length > 0) {
    const aliases = result.map((entry) => entry.alias).join(', ');
    warn(
      `oauth-model-alias uses the flat form "<alias>: <model>" (${aliases}); it is applied to every account that serves the model. ` +
        'CLIProxyAPI reads only the per-provider form "oauth-model-alias: { <provider>: [ { name: <model>, alias: <alias> } ] }" and rejects this one.',
    );
  }
  return result;
}

/** Also used for an auth file's own `model_aliases` (same fields, snake or kebab case). */
export function normalizeAliasList(
  entries: readonly unknown[],
  warn: (message: string) => void = () => undefined,
  existing: readonly OAuthModelAlias[] = [],
): OAuthModelAlias[] {
  const list = [...existing];
  const seen = new Set(list.map((entry) => entry.alias.toLowerCase()));
  entries.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object') return;
    const entry = raw as RawAlias & Record<string, unknown>;
    const name = textOf(entry.name);
    const alias = textOf(entry.alias);
    if (name === '' || alias === '' || name.toLowerCase() === alias.toLowerCase()) {
      warn(`entry ${index} dropped (empty name or alias, or alias equal to name)`);
      return;
    }
    if (seen.has(alias.toLowerCase())) {
      warn(`entry ${index} dropped (alias already used in this channel)`);
      return;
    }
    seen.add(alias.toLowerCase());
    list.push({
      name,
      alias,
      fork: entry.fork === true,
      displayName: textOf(entry['display-name'] ?? entry.display_name),
      forceMapping: (entry['force-mapping'] ?? entry.force_mapping) === true,
    });
  });
  return list;
}

/** docs/config.md#loading-and-normalisation: channel keys lower-cased, patterns trimmed, lower-cased, de-duplicated; empty channels removed. */
export function normalizeOAuthExcludedModels(section: ParsedConfig['oauth-excluded-models']): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [rawChannel, patterns] of Object.entries(section ?? {})) {
    const channel = rawChannel.trim().toLowerCase();
    if (channel === '') continue;
    const merged = normalizeExcludedModels([...(result[channel] ?? []), ...(patterns ?? [])]);
    if (merged.length > 0) result[channel] = merged;
  }
  return result;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
