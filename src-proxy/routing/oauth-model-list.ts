import { normalizeAliasList, type OAuthModelAlias } from '../config/normalize-oauth-models';
import { normalizeExcludedModels } from '../config/normalize-credential-fields';
import type { ModelAlias } from './credential';
import { isModelExcluded } from './match-model-pattern';

export interface OAuthModelConfig {
  oauthModelAlias: Readonly<Record<string, readonly OAuthModelAlias[]>>;
  oauthExcludedModels: Readonly<Record<string, readonly string[]>>;
}

export interface OAuthFileModels {
  /** The file's `excluded_models`. */
  excludedModels: readonly string[];
  /** The file's `model_aliases` as written (normalized here). */
  modelAliases?: unknown;
}

/**
 * An OAuth credential's model list (docs/config.md#oauth-model-alias-and-oauth-excluded-models, docs/routing.md#candidates): the provider catalog minus `oauth-excluded-models[channel]`
 * ∪ the file's `excluded_models` (matched against upstream names, before aliasing), then aliased: a name with
 * aliases is listed under each alias (and under its own name too when an alias has `fork: true`). The file's
 * `model_aliases` win over the channel's global aliases for the same alias.
 */
export function oauthModelList(channel: string, catalog: readonly string[], config: OAuthModelConfig, file: OAuthFileModels): ModelAlias[] {
  const key = channel.toLowerCase();
  const excluded = normalizeExcludedModels([...(config.oauthExcludedModels[key] ?? []), ...file.excludedModels]);
  const aliases = normalizeAliasList(Array.isArray(file.modelAliases) ? file.modelAliases : []);
  const own = new Set(aliases.map((entry) => entry.alias.toLowerCase()));
  for (const entry of config.oauthModelAlias[key] ?? []) if (!own.has(entry.alias.toLowerCase())) aliases.push(entry);

  const models: ModelAlias[] = [];
  const listed = new Set<string>();
  const add = (name: string, alias: string, forceMapping = false) => {
    if (listed.has(alias.toLowerCase())) return;
    listed.add(alias.toLowerCase());
    models.push(forceMapping ? { name, alias, forceMapping } : { name, alias });
  };
  for (const name of catalog) {
    if (isModelExcluded(excluded, name)) continue;
    const mine = aliases.filter((entry) => entry.name.toLowerCase() === name.toLowerCase());
    if (mine.length === 0 || mine.some((entry) => entry.fork)) add(name, name);
    for (const entry of mine) add(name, entry.alias, entry.forceMapping);
  }
  return models;
}
