import type { AuthStore } from '../../auth-store/auth-store';
import { startLoopbackCallback, type WebUiForwarding } from '../oauth/loopback-callback-server';
import { createOAuthState, createPkcePair } from '../oauth/pkce';
import { buildClaudeAuthData, claudeAuthFileName } from './claude-auth-file';
import { claudeCallbackPort, claudeClientId, claudeRedirectUri, claudeScopes, type ClaudeOAuthEndpoints } from './claude-oauth-endpoints';
import { exchangeClaudeCode } from './claude-token-client';
import { browserLogin, type BrowserLogin } from '../oauth/browser-login';

export interface ClaudeLoginOptions extends WebUiForwarding {
  endpoints: ClaudeOAuthEndpoints;
  store: AuthStore;
  /** docs/providers.md#claude-login: 54545; `--callback-port` changes it (the redirect URI follows). */
  callbackPort?: number;
  timeoutMs?: number;
  now?: () => number;
}

export interface ClaudeLoginResult {
  email: string;
  /** The auth file's id (its name in auth-dir). */
  accountId: string;
}

export type ClaudeLogin = BrowserLogin<ClaudeLoginResult>;

/**
 * Claude Code's PKCE login (docs/providers.md#claude-login): builds the authorize URL, waits on the loopback callback (or a
 * pasted callback URL), exchanges the code and writes `claude-<email>.json` through the store.
 */
export async function startClaudeLogin(options: ClaudeLoginOptions): Promise<ClaudeLogin> {
  const pkce = createPkcePair();
  const state = createOAuthState();
  const callback = await startLoopbackCallback({ port: options.callbackPort ?? claudeCallbackPort, path: '/callback', expectedState: state, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.forwardTo ? { forwardTo: options.forwardTo } : {}) });
  // The redirect URI must match the authorize request exactly; with port 0 (tests) it names the real port.
  const redirectUri = claudeRedirectUri(callback.port ?? options.callbackPort ?? claudeCallbackPort);
  const query = new URLSearchParams({
    code: 'true',
    client_id: claudeClientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: claudeScopes,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    state,
  });
  const result = callback.result.then(async ({ code }) => {
    const tokens = await exchangeClaudeCode({ endpoints: options.endpoints }, { code, state, verifier: pkce.verifier, redirectUri });
    const accountId = claudeAuthFileName(tokens.email);
    await options.store.saveNew(accountId, buildClaudeAuthData(tokens, (options.now ?? Date.now)()));
    return { email: tokens.email, accountId };
  });
  return browserLogin(options.endpoints.authorizeUrl, query, state, callback, result);
}
