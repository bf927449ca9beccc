import type { AuthStore } from '../../auth-store/auth-store';
import { driveBrowserLogin, type LoginFlags } from '../oauth/drive-browser-login';
import type { LoginIo } from '../provider-auth';
import { startClaudeLogin } from './claude-login';
import { claudeCallbackPort, resolveClaudeOAuthEndpoints } from './claude-oauth-endpoints';

/**
 * `cliproxy login claude`: prints the authorize URL (and opens a browser when one can be opened), then
 * waits for the loopback callback or a callback URL pasted on stdin (a remote machine, a busy port), and
 * writes `claude-<email>.json` into auth-dir. Returns the exit code.
 */
export async function runClaudeLogin(store: AuthStore, flags: LoginFlags, io: LoginIo): Promise<number> {
  const requestedPort = flags.callbackPort ?? claudeCallbackPort;
  const login = await startClaudeLogin({ endpoints: resolveClaudeOAuthEndpoints(), store, callbackPort: requestedPort });
  return driveBrowserLogin(login, {
    provider: 'Claude',
    requestedPort,
    callbackPath: '/callback',
    authDir: store.folder,
    flags,
    io,
    describe: (result) => result.email || '(no email)',
  });
}
