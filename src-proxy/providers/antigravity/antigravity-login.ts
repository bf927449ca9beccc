import type { AuthStore } from '../../auth-store/auth-store';
import { exchangeGoogleCode, fetchGoogleEmail } from '../gemini-cli/gemini-cli-token-client';
import { browserLogin, type BrowserLogin } from '../oauth/browser-login';
import { startLoopbackCallback, type WebUiForwarding } from '../oauth/loopback-callback-server';
import { createOAuthState } from '../oauth/pkce';
import { antigravityAuthFileName, buildAntigravityAuthData } from './antigravity-auth-file';
import { antigravityCallbackPath, antigravityCallbackPort, antigravityClient, antigravityRedirectUri, antigravityScopes, type AntigravityEndpoints } from './antigravity-oauth-endpoints';
import { discoverAntigravityProject } from './antigravity-project';

export interface AntigravityLoginOptions extends WebUiForwarding {
  endpoints: AntigravityEndpoints;
  store: AuthStore;
  /** docs/providers.md#antigravity-login: 51121 (the redirect URI follows). Tests pass 0. */
  callbackPort?: number;
  timeoutMs?: number;
  now?: () => number;
  /** Wait between onboardUser attempts (tests shorten it). */
  onboardPollMs?: number;
}

export interface AntigravityLoginResult {
  email: string;
  accountId: string;
  projectId: string;
}

/**
 * Antigravity's Google login (docs/providers.md#antigravity-login): authorize URL with Antigravity's client
 * (offline access, consent prompt, no PKCE, a 32-hex state), loopback callback on 127.0.0.1 checked against
 * the state (or a pasted callback URL), form code exchange, userinfo email, project discovery, then
 * `antigravity-<email>.json`. A login whose project cannot be found fails and writes nothing.
 */
export async function startAntigravityLogin(options: AntigravityLoginOptions): Promise<BrowserLogin<AntigravityLoginResult>> {
  const state = createOAuthState();
  const port = options.callbackPort ?? antigravityCallbackPort;
  const callback = await startLoopbackCallback({ port, path: antigravityCallbackPath, expectedState: state, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.forwardTo ? { forwardTo: options.forwardTo } : {}) });
  const redirectUri = antigravityRedirectUri(callback.port ?? port);
  const query = new URLSearchParams({
    access_type: 'offline',
    client_id: antigravityClient.clientId,
    prompt: 'consent',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: antigravityScopes.join(' '),
    state,
  });
  const result = callback.result.then(async ({ code }) => {
    const tokens = await exchangeGoogleCode(options.endpoints, { code, redirectUri }, antigravityClient);
    const email = await fetchGoogleEmail(options.endpoints, tokens.accessToken);
    const projectId = await discoverAntigravityProject({ endpoints: options.endpoints, accessToken: tokens.accessToken, ...(options.onboardPollMs !== undefined ? { onboardPollMs: options.onboardPollMs } : {}) });
    const accountId = antigravityAuthFileName(email);
    await options.store.saveNew(accountId, buildAntigravityAuthData({ email, projectId, tokens }, (options.now ?? Date.now)()));
    return { email, accountId, projectId };
  });
  return browserLogin(options.endpoints.authorizeUrl, query, state, callback, result);
}
