import { AuthStore } from './auth-store/auth-store';
import { driveBrowserLogin, type LoginFlags, type LoginIo } from './cli-login';
import { startCodexLogin } from './providers/codex/codex-login';
import { codexCallbackPath, codexCallbackPort, resolveCodexOAuthEndpoints } from './providers/codex/codex-oauth-endpoints';

/**
 * `cliproxy login codex`: prints the authorize URL (and opens a browser when one can be opened), waits for
 * the loopback callback on 127.0.0.1:1455/auth/callback or a callback URL pasted on stdin, and writes
 * `codex-<hash8>-<email>-<plan>.json` into auth-dir. Tokens and codes are never printed. Returns the exit code.
 */
export async function runCodexLogin(authDir: string, flags: LoginFlags, io: LoginIo): Promise<number> {
  const port = flags.callbackPort ?? codexCallbackPort;
  const login = await startCodexLogin({ endpoints: resolveCodexOAuthEndpoints(), store: new AuthStore(authDir), callbackPort: port });
  return driveBrowserLogin(login, {
    provider: 'ChatGPT (Codex)',
    requestedPort: port,
    callbackPath: codexCallbackPath,
    authDir,
    flags,
    io,
    describe: (result) => `${result.email || '(no email)'}${result.planType ? ` (${result.planType} plan)` : ''}`,
  });
}
