import type { AuthStore } from '../../auth-store/auth-store';
import { driveBrowserLogin, type LoginFlags } from '../oauth/drive-browser-login';
import type { LoginIo } from '../provider-auth';
import { startAntigravityLogin } from './antigravity-login';
import { antigravityCallbackPath, antigravityCallbackPort, resolveAntigravityEndpoints } from './antigravity-oauth-endpoints';

/**
 * `cliproxy login antigravity`: prints Google's authorize URL (and opens a browser when one can be opened),
 * waits for the loopback callback on 127.0.0.1:51121/oauth-callback or a callback URL pasted on stdin,
 * finds the account's project and writes `antigravity-<email>.json` into auth-dir. Tokens and codes are never printed.
 */
export async function runAntigravityLogin(store: AuthStore, flags: LoginFlags, io: LoginIo): Promise<number> {
  const port = flags.callbackPort ?? antigravityCallbackPort;
  const login = await startAntigravityLogin({ endpoints: resolveAntigravityEndpoints(), store, callbackPort: port });
  return driveBrowserLogin(login, {
    provider: 'Google (Antigravity)',
    requestedPort: port,
    callbackPath: antigravityCallbackPath,
    authDir: store.folder,
    flags,
    io,
    describe: (result) => `${result.email} (project ${result.projectId})`,
  });
}
