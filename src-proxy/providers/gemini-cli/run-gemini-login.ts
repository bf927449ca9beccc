import type { AuthStore } from '../../auth-store/auth-store';
import { driveBrowserLogin, type LoginFlags } from '../oauth/drive-browser-login';
import type { LoginIo } from '../provider-auth';
import { startGeminiCliLogin } from './gemini-cli-login';
import { geminiCliCallbackPath, geminiCliCallbackPort, resolveGeminiCliOAuthEndpoints } from './gemini-cli-oauth-endpoints';

/**
 * `cliproxy login gemini [--project-id ID]`: prints Google's authorize URL (and opens a browser when one can
 * be opened), waits for the loopback callback on 127.0.0.1:8085/oauth2callback or a callback URL pasted on
 * stdin, onboards the project (or discovers one) and writes `gemini-<email>-<project>.json` into auth-dir.
 * The state is the CLI's literal `state-token` (docs/providers.md#gemini-cli-login). Tokens and codes are never printed.
 */
export async function runGeminiLogin(store: AuthStore, flags: LoginFlags & { projectId?: string | undefined }, io: LoginIo): Promise<number> {
  const port = flags.callbackPort ?? geminiCliCallbackPort;
  const login = await startGeminiCliLogin({ endpoints: resolveGeminiCliOAuthEndpoints(), store, callbackPort: port, state: 'state-token', projectId: flags.projectId ?? '' });
  return driveBrowserLogin(login, {
    provider: 'Google (Gemini CLI)',
    requestedPort: port,
    callbackPath: geminiCliCallbackPath,
    authDir: store.folder,
    flags,
    io,
    describe: (result) => `${result.email} (project ${result.projectId})`,
  });
}
