import { join } from 'node:path';
import type { AuthStore } from '../../auth-store/auth-store';
import type { LoginIo } from '../provider-auth';
import { startXaiLogin } from './xai-login';
import { resolveXaiOAuthEndpoints } from './xai-oauth-endpoints';
import { loginFailureMessage } from '../oauth/login-failure-message';

/**
 * `cliproxy login xai` (CPA: `--xai-login`; docs/providers.md#xai-login): prints the verification URL and the
 * user code, polls until the login is approved and writes `xai-<email>.json` into auth-dir. Tokens are never
 * printed. Returns the exit code.
 */
export async function runXaiLogin(store: AuthStore, io: LoginIo): Promise<number> {
  try {
    const login = await startXaiLogin({ endpoints: resolveXaiOAuthEndpoints(), store });
    io.stdout.write(`Open this URL in a browser to log in to xAI (Grok):\n\n${login.url}\n\n`);
    io.stdout.write(`Enter the code ${login.userCode ?? ''} there if asked (valid for ${Math.round((login.expiresIn ?? 0) / 60)} min).\n`);
    io.stdout.write('Waiting for the approval ...\n');
    const result = await login.result;
    io.stdout.write(`Logged in to xAI${result.email ? ` as ${result.email}` : ''}; saved ${join(store.folder, result.accountId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`Login failed: ${loginFailureMessage(error)}\n`);
    return 1;
  }
}
