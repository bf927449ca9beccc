import type { EngineConfig } from '../config/engine-config';
import { buildCredentials } from '../routing/build-credentials';
import type { Runtime } from '../server/server-deps';

export function createRuntime(config: EngineConfig): Runtime {
  return { config, credentials: buildCredentials(config), apiKeys: new Set(config.apiKeys) };
}
