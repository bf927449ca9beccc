import type { Logger } from 'pino';
import type { EngineConfig } from '../../config/engine-config';
import type { EngineOptions } from '../../engine-types';
import { LoginSessions } from '../../logins/login-sessions';
import type { PostgresStore } from '../../store/postgres/postgres-store';
import { OAuthAccounts } from '../oauth-accounts';

export interface EngineAccounts {
  /** auth-dir's OAuth accounts, read once now; the watcher runs while the engine does. */
  accounts: OAuthAccounts;
  /** Logins that add accounts to auth-dir. */
  logins: LoginSessions;
}

/** The accounts live in auth-dir, or in the team store's database when there is one (docs/team-server.md). */
export async function openAccounts(config: EngineConfig, logger: Logger, options: EngineOptions, teamStore: PostgresStore | undefined): Promise<EngineAccounts> {
  const accounts = new OAuthAccounts(teamStore ? teamStore.authSource() : config.authDir, logger, options.oauthEndpoints);
  await accounts.store.rescan();
  const logins = new LoginSessions({
    store: accounts.store,
    ...accounts.loginEndpoints(),
    ...(options.loginCallbackPort !== undefined ? { callbackPort: options.loginCallbackPort } : {}),
  });
  return { accounts, logins };
}
