import type { ControlApi } from '../../src-shared/control-contract';
import type { LoginProvider } from '../../src-shared/control/account-types';
import { isAllowedLoginUrl } from './login-url-policy';

export interface TrayLoginDeps {
  control: Pick<ControlApi, 'invoke'>;
  openExternal(url: string): Promise<void>;
  /** Shows the Accounts page, where the login's progress and fallbacks (copy URL, paste callback) are. */
  showAccounts(): void;
}

/**
 * "Login with ▸ <provider>" from the tray: start the login in the engine, open the provider's page in the
 * system browser when it is one of theirs, and show the Accounts page either way (progress, device
 * code, or the URL to copy). The engine's login.finished event drives the notification.
 */
export async function startLoginFromTray(provider: LoginProvider, deps: TrayLoginDeps): Promise<{ opened: boolean }> {
  const started = await deps.control.invoke('login.start', { provider });
  deps.showAccounts();
  if (!isAllowedLoginUrl(started.url)) return { opened: false };
  await deps.openExternal(started.url);
  return { opened: true };
}
