import { join } from 'node:path';
import type { AuthStore } from '../../auth-store/auth-store';
import type { LoginIo } from '../provider-auth';
import { startQwenLogin } from './qwen-login';
import { resolveQwenOAuthEndpoints } from './qwen-oauth-endpoints';
import { loginFailureMessage } from '../oauth/login-failure-message';

/**
 * `cliproxy login qwen [NAME]` (docs/providers.md#qwen-login, docs/providers.md#qwen-auth-file): asks Qwen for a device code, prints the verification URL and
 * the user code, polls until the login is approved, and writes `qwen-<NAME>.json` (or `qwen-<unix ms>.json`)
 * into auth-dir. Tokens are never printed. Returns the exit code.
 */
export async function runQwenLogin(store: AuthStore, name: string | undefined, io: LoginIo): Promise<number> {
  try {
    const login = await startQwenLogin({ endpoints: resolveQwenOAuthEndpoints(), store, ...(name ? { name } : {}) });
    io.stdout.write(`Open this URL in a browser to log in to Qwen:\n\n${login.url}\n\n`);
    if (login.userCode) io.stdout.write(`Confirm the code ${login.userCode} there (valid for ${Math.round(login.expiresIn / 60)} min).\n`);
    io.stdout.write('Waiting for the approval ...\n');
    const result = await login.result;
    io.stdout.write(`Logged in to Qwen; saved ${join(store.folder, result.accountId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`Login failed: ${loginFailureMessage(error)}\n`);
    return 1;
  }
}
