import { join } from 'node:path';
import type { AuthStore } from '../../auth-store/auth-store';
import type { LoginIo } from '../provider-auth';
import { startKimiLogin } from './kimi-login';
import { resolveKimiOAuthEndpoints } from './kimi-oauth-endpoints';
import { loginFailureMessage } from '../oauth/login-failure-message';

/**
 * `cliproxy login kimi` (docs/providers.md#kimi-login): asks Kimi for a device code, prints the verification
 * URL and the user code, polls until the login is approved and writes `kimi-<unix ms>.json` into auth-dir.
 * Tokens are never printed. Returns the exit code.
 */
export async function runKimiLogin(store: AuthStore, io: LoginIo): Promise<number> {
  try {
    const login = await startKimiLogin({ endpoints: resolveKimiOAuthEndpoints(), store });
    io.stdout.write(`Open this URL in a browser to log in to Kimi:\n\n${login.url}\n\n`);
    if (login.userCode) io.stdout.write(`Confirm the code ${login.userCode} there${login.expiresIn > 0 ? ` (valid for ${Math.round(login.expiresIn / 60)} min)` : ''}.\n`);
    io.stdout.write('Waiting for the approval ...\n');
    const result = await login.result;
    io.stdout.write(`Logged in to Kimi; saved ${join(store.folder, result.accountId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`Login failed: ${loginFailureMessage(error)}\n`);
    return 1;
  }
}
