import type { AuthStore } from '../../auth-store/auth-store';
import { startLoopbackCallback, type WebUiForwarding } from '../oauth/loopback-callback-server';
import { createOAuthState, createPkcePair } from '../oauth/pkce';
import { saveCodexAccount } from './codex-auth-file';
import { codexCallbackPath, codexCallbackPort, codexClientId, codexRedirectUri, codexScopes, type CodexOAuthEndpoints } from './codex-oauth-endpoints';
import { exchangeCodexCode } from './codex-token-client';
import { browserLogin, type BrowserLogin } from '../oauth/browser-login';

export interface CodexLoginOptions extends WebUiForwarding {
  endpoints: CodexOAuthEndpoints;
  store: AuthStore;
  /** docs/providers.md#codex-login: 1455; `--callback-port` changes it (the redirect URI follows). */
  callbackPort?: number;
  timeoutMs?: number;
  now?: () => number;
}

export interface CodexLoginResult {
  email: string;
  /** The auth file's id (its name in auth-dir). */
  accountId: string;
  planType: string;
}

export type CodexLogin = BrowserLogin<CodexLoginResult>;

/**
 * The Codex CLI's PKCE login (docs/providers.md#codex-login): builds the authorize URL, waits on the loopback callback on
 * 127.0.0.1 (or a pasted callback URL), exchanges the code, reads email / account id / plan from the
 * id_token and writes `codex-<hash8>-<email>-<plan>.json` through the store.
 */
export async function startCodexLogin(options: CodexLoginOptions): Promise<CodexLogin> {
  const pkce = createPkcePair();
  const state = createOAuthState();
  const callback = await startLoopbackCallback({ port: options.callbackPort ?? codexCallbackPort, path: codexCallbackPath, expectedState: state, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.forwardTo ? { forwardTo: options.forwardTo } : {}) });
  const redirectUri = codexRedirectUri(callback.port ?? options.callbackPort ?? codexCallbackPort);
  const query = new URLSearchParams({
    client_id: codexClientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: codexScopes,
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    prompt: 'login',
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
  });
  const result = callback.result.then(async ({ code }) => {
    const tokens = await exchangeCodexCode({ endpoints: options.endpoints }, { code, verifier: pkce.verifier, redirectUri });
    return saveCodexAccount(options.store, tokens, (options.now ?? Date.now)());
  });
  return browserLogin(options.endpoints.authorizeUrl, query, state, callback, result);
}
