import type { AuthStore } from '../../auth-store/auth-store';
import { driveBrowserLogin, type LoginFlags } from '../oauth/drive-browser-login';
import type { LoginIo } from '../provider-auth';
import { startIFlowLogin } from './iflow-login';
import { iflowCallbackPath, iflowCallbackPort, resolveIFlowOAuthEndpoints } from './iflow-oauth-endpoints';

/**
 * `cliproxy login iflow`: prints the authorize URL (and opens a browser when one can be opened), waits for
 * the loopback callback on 127.0.0.1:11451/oauth2callback or a callback URL pasted on stdin, fetches the
 * API key and writes `iflow-<email>-<unix>.json` into auth-dir. Tokens, keys and codes are never printed.
 */
export async function runIFlowLogin(store: AuthStore, flags: LoginFlags, io: LoginIo): Promise<number> {
  const port = flags.callbackPort ?? iflowCallbackPort;
  const login = await startIFlowLogin({ endpoints: resolveIFlowOAuthEndpoints(), store, callbackPort: port, cliFileName: true });
  return driveBrowserLogin(login, {
    provider: 'iFlow',
    requestedPort: port,
    callbackPath: iflowCallbackPath,
    authDir: store.folder,
    flags,
    io,
    describe: (result) => result.email || '(no email)',
  });
}
