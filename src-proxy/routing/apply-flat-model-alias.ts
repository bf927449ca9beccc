import type { FlatModelAlias } from '../config/engine-config';
import type { Credential, ModelAlias } from './credential';
import { isModelExcluded } from './match-model-pattern';

/**
 * The flat `oauth-model-alias` form (`gemini: "gemini-2.5-pro"`) as a model alias on every credential
 * that serves the target model, whatever its provider: such a credential also answers to the alias, and
 * the request goes upstream under the name the credential uses for the target. A credential that already
 * lists the alias keeps its own meaning; catch-all credentials (no model list) are left as they are.
 */
export function applyFlatModelAlias(credentials: readonly Credential[], aliases: readonly FlatModelAlias[]): Credential[] {
  if (aliases.length === 0) return [...credentials];
  return credentials.map((credential) => {
    if (credential.models === null) return credential;
    const added: ModelAlias[] = [];
    for (const { alias, name } of aliases) {
      const target = credential.models.find((model) => model.alias.toLowerCase() === name.toLowerCase());
      if (!target || isModelExcluded(credential.excludedModels, target.alias)) continue;
      const taken = [...credential.models, ...added].some((model) => model.alias.toLowerCase() === alias.toLowerCase());
      if (!taken) added.push({ name: target.name, alias });
    }
    return added.length === 0 ? credential : { ...credential, models: [...credential.models, ...added] };
  });
}
