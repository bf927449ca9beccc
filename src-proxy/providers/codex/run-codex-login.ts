import { join } from 'node:path';
import type { AuthStore } from '../../auth-store/auth-store';
import { driveBrowserLogin, type LoginFlags } from '../oauth/drive-browser-login';
import type { LoginIo } from '../provider-auth';
import { startCodexDeviceLogin } from './codex-device-login';
import { startCodexLogin } from './codex-login';
import { codexCallbackPath, codexCallbackPort, resolveCodexOAuthEndpoints } from './codex-oauth-endpoints';
import { loginFailureMessage } from '../oauth/login-failure-message';

/**
 * `cliproxy login codex`: prints the authorize URL (and opens a browser when one can be opened), waits for
 * the loopback callback on 127.0.0.1:1455/auth/callback or a callback URL pasted on stdin, and writes
 * `codex-<hash8>-<email>-<plan>.json` into auth-dir. Tokens and codes are never printed. Returns the exit code.
 */
export async function runCodexLogin(store: AuthStore, flags: LoginFlags, io: LoginIo): Promise<number> {
  const port = flags.callbackPort ?? codexCallbackPort;
  const login = await startCodexLogin({ endpoints: resolveCodexOAuthEndpoints(), store, callbackPort: port });
  return driveBrowserLogin(login, {
    provider: 'ChatGPT (Codex)',
    requestedPort: port,
    callbackPath: codexCallbackPath,
    authDir: store.folder,
    flags,
    io,
    describe: (result) => `${result.email || '(no email)'}${result.planType ? ` (${result.planType} plan)` : ''}`,
  });
}

/**
 * `cliproxy login codex --device` (docs/providers.md#codex-device-login `--codex-device-login`): prints the device page and the user
 * code, polls until the login is approved there (15 min), and writes the codex auth file. For machines
 * without a browser. `CLIPROXY_CODEX_DEVICE_POLL_INTERVAL_MS` overrides the server's interval (tests).
 */
export async function runCodexDeviceLogin(store: AuthStore, io: Pick<LoginIo, 'stdout' | 'stderr'>): Promise<number> {
  const interval = Number(process.env.CLIPROXY_CODEX_DEVICE_POLL_INTERVAL_MS);
  try {
    const login = await startCodexDeviceLogin({ endpoints: resolveCodexOAuthEndpoints(), store, ...(interval > 0 ? { pollIntervalMs: interval } : {}) });
    io.stdout.write(`Open this URL in a browser to log in to ChatGPT (Codex):\n\n${login.url}\n\nEnter the code ${login.userCode} there.\nWaiting for the approval ...\n`);
    const result = await login.result;
    io.stdout.write(`Logged in as ${result.email || '(no email)'}${result.planType ? ` (${result.planType} plan)` : ''}; saved ${join(store.folder, result.accountId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`Login failed: ${loginFailureMessage(error)}\n`);
    return 1;
  }
}
