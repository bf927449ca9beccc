import type { AuthStore } from '../../auth-store/auth-store';
import { startLoopbackCallback, type WebUiForwarding } from '../oauth/loopback-callback-server';
import { buildGeminiCliAuthData, geminiCliAuthFileName } from './gemini-cli-auth-file';
import { geminiCliCallbackPath, geminiCliCallbackPort, geminiCliClientId, geminiCliRedirectUri, geminiCliScopes, type GeminiCliOAuthEndpoints } from './gemini-cli-oauth-endpoints';
import { setupGeminiCliProject, type ProjectSetupOptions } from './gemini-cli-project';
import { exchangeGoogleCode, fetchGoogleEmail } from './gemini-cli-token-client';
import { browserLogin, type BrowserLogin } from '../oauth/browser-login';

export interface GeminiCliLoginOptions extends WebUiForwarding {
  endpoints: GeminiCliOAuthEndpoints;
  store: AuthStore;
  /** Requested Google Cloud project; empty = discover / auto-onboard. */
  projectId?: string;
  /** docs/providers.md#gemini-cli-login: 8085 (the redirect URI follows). Tests pass 0. */
  callbackPort?: number;
  /** docs/providers.md#gemini-cli-login: the CLI uses the literal `state-token`, management `gem-<unixnano>`. */
  state?: string;
  timeoutMs?: number;
  now?: () => number;
  /** Poll intervals of project onboarding (tests shorten them). */
  polling?: Pick<ProjectSetupOptions, 'autoPollMs' | 'onboardPollMs' | 'autoTimeoutMs'>;
}

export interface GeminiCliLoginResult {
  email: string;
  accountId: string;
  projectId: string;
}

export type GeminiCliLogin = BrowserLogin<GeminiCliLoginResult>;

/** `gem-<unixnano>` like CPA's management route. */
export function geminiManagementState(): string {
  return `gem-${BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n)}`;
}

/**
 * The Gemini CLI's Google login (docs/providers.md#gemini-cli-login): authorize URL with the public client (offline access, consent
 * prompt, no PKCE), loopback callback on 127.0.0.1 checked against the state (or a pasted callback URL),
 * form code exchange, userinfo email, project discovery / onboarding, then `gemini-<email>-<project>.json`.
 */
export async function startGeminiCliLogin(options: GeminiCliLoginOptions): Promise<GeminiCliLogin> {
  const state = options.state ?? geminiManagementState();
  const callback = await startLoopbackCallback({ port: options.callbackPort ?? geminiCliCallbackPort, path: geminiCliCallbackPath, expectedState: state, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.forwardTo ? { forwardTo: options.forwardTo } : {}) });
  const redirectUri = geminiCliRedirectUri(callback.port ?? options.callbackPort ?? geminiCliCallbackPort);
  const query = new URLSearchParams({
    access_type: 'offline',
    client_id: geminiCliClientId,
    prompt: 'consent',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: geminiCliScopes.join(' '),
    state,
  });
  const result = callback.result.then(async ({ code }) => {
    const tokens = await exchangeGoogleCode(options.endpoints, { code, redirectUri });
    const email = await fetchGoogleEmail(options.endpoints, tokens.accessToken);
    const project = await setupGeminiCliProject({ endpoints: options.endpoints, accessToken: tokens.accessToken, projectId: options.projectId ?? '', ...options.polling });
    const accountId = geminiCliAuthFileName(email, project.projectId);
    await options.store.saveNew(accountId, buildGeminiCliAuthData({ email, projectId: project.projectId, auto: project.auto, tokens }, (options.now ?? Date.now)()));
    return { email, accountId, projectId: project.projectId };
  });
  return browserLogin(options.endpoints.authorizeUrl, query, state, callback, result);
}
