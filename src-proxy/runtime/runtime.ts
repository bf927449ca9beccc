import type { EngineConfig } from '../config/engine-config';
import type { Credential } from '../routing/credential';

/** What the engine currently serves; replaced as a whole when config changes. */
export interface Runtime {
  config: EngineConfig;
  credentials: Credential[];
  /** Client keys as a set for the auth check. */
  apiKeys: ReadonlySet<string>;
  /** Credentials of OAuth accounts whose login is dead: never routed; a model only they serve gets PX_CREDENTIAL_EXPIRED. */
  needsLogin?: readonly Credential[];
}
