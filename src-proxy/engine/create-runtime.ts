import type { EngineConfig } from '../config/engine-config';
import { buildCredentials } from '../routing/build-credentials';
import type { Credential } from '../routing/credential';
import type { Runtime } from '../server/server-deps';

/** Config's API-key credentials first, then the OAuth accounts of auth-dir (order feeds fill-first). */
export function createRuntime(config: EngineConfig, oauthCredentials: readonly Credential[] = [], needsLogin: readonly Credential[] = []): Runtime {
  const fromConfig = buildCredentials(config);
  const credentials = [...fromConfig, ...oauthCredentials.map((credential, index) => ({ ...credential, order: fromConfig.length + index }))];
  return { config, credentials, apiKeys: new Set(config.apiKeys), needsLogin };
}
