import type { Logger } from 'pino';
import type { EngineConfig } from '../../config/engine-config';
import type { EngineOptions } from '../../engine-types';
import { LoginSessions } from '../../logins/login-sessions';
import { OAuthAccounts } from '../oauth-accounts';

export interface EngineAccounts {
  /** auth-dir's OAuth accounts, read once now; the watcher runs while the engine does. */
  accounts: OAuthAccounts;
  /** Logins that add accounts to auth-dir. */
  logins: LoginSessions;
}

export async function openAccounts(config: EngineConfig, logger: Logger, options: EngineOptions): Promise<EngineAccounts> {
  const accounts = new OAuthAccounts(config.authDir, logger, options.oauthEndpoints);
  await accounts.store.rescan();
  const logins = new LoginSessions({
    store: accounts.store,
    ...accounts.loginEndpoints(),
    ...(options.loginCallbackPort !== undefined ? { callbackPort: options.loginCallbackPort } : {}),
  });
  return { accounts, logins };
}
