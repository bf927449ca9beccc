import type { ControlApi } from '../../src-shared/control-contract';
import type { LoginProvider } from '../../src-shared/control/account-types';
import type { FollowedLogin } from '../../src-shared/login-follow';
import { isPlainHttpsUrl } from './started-login-pages';

export interface FollowLoginsDeps {
  control: Pick<ControlApi, 'on'>;
  /** Bring the Accounts page forward following this login (creating the window when there is none). */
  showLogin(followed: FollowedLogin): void;
}

/**
 * Every started login (the tray, the dashboard: whatever invoked login.start) brings the Accounts page
 * forward with the login's progress, device code and paste-the-callback fallback. Returns an unsubscribe.
 */
export function followLogins(deps: FollowLoginsDeps): () => void {
  return deps.control.on('login.started', (start) => deps.showLogin({ kind: 'started', start }));
}

export interface TrayLoginDeps {
  control: Pick<ControlApi, 'invoke'>;
  openExternal(url: string): Promise<void>;
  /** A start that failed is shown on the Accounts page too (a started one arrives through followLogins). */
  showLogin(followed: FollowedLogin): void;
}

/**
 * "Login with ▸ <provider>" from the tray: start the login in the engine and open the provider's page in
 * the system browser when it is a plain https page (the URL comes from the engine itself; anything else, e.g. a local
 * fake in tests, is left to the Accounts page, which shows the URL to copy). A failed
 * start is shown, not just logged.
 */
export async function startLoginFromTray(provider: LoginProvider, deps: TrayLoginDeps): Promise<{ opened: boolean }> {
  let url: string;
  try {
    ({ url } = await deps.control.invoke('login.start', { provider }));
  } catch (error) {
    deps.showLogin({ kind: 'failed', provider, why: error instanceof Error ? error.message : String(error) });
    return { opened: false };
  }
  if (!isPlainHttpsUrl(url)) return { opened: false };
  await deps.openExternal(url);
  return { opened: true };
}
