import type { EngineConfig } from '../config/engine-config';
import { applyFlatModelAlias } from '../routing/apply-flat-model-alias';
import { buildCredentials } from '../providers/build-credentials';
import type { Credential } from '../routing/credential';
import type { Runtime } from '../runtime/runtime';

/**
 * Config's API-key credentials first, then the OAuth accounts of auth-dir (order feeds fill-first); the
 * flat `oauth-model-alias` entries then apply to all of them. `needsLogin`: accounts that serve nothing
 * until a new login, kept so a client asking for their models is told so.
 */
export function createRuntime(config: EngineConfig, oauthCredentials: readonly Credential[] = [], needsLogin: readonly Credential[] = []): Runtime {
  const fromConfig = buildCredentials(config);
  const all = [...fromConfig, ...oauthCredentials.map((credential, index) => ({ ...credential, order: fromConfig.length + index }))];
  const credentials = applyFlatModelAlias(all, config.flatModelAlias);
  return { config, credentials, apiKeys: new Set(config.apiKeys), needsLogin: applyFlatModelAlias(needsLogin, config.flatModelAlias) };
}
