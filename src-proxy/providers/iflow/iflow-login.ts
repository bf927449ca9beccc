import { randomInt } from 'node:crypto';
import type { AuthStore } from '../../auth-store/auth-store';
import { startLoopbackCallback, type WebUiForwarding } from '../oauth/loopback-callback-server';
import { buildIFlowAuthData, iflowAuthFileName } from './iflow-auth-file';
import { iflowCallbackPath, iflowCallbackPort, iflowClientId, iflowRedirectUri, type IFlowOAuthEndpoints } from './iflow-oauth-endpoints';
import { exchangeIFlowCode } from './iflow-token-client';
import { browserLogin, type BrowserLogin } from '../oauth/browser-login';

export interface IFlowLoginOptions extends WebUiForwarding {
  endpoints: IFlowOAuthEndpoints;
  store: AuthStore;
  /** docs/providers.md#iflow-login: 11451; `--callback-port` changes it (the redirect follows). Tests pass 0. */
  callbackPort?: number;
  timeoutMs?: number;
  now?: () => number;
  /** docs/providers.md#iflow-auth-file: the CLI names files `iflow-<email>-<unix>.json`. */
  cliFileName?: boolean;
}

export interface IFlowLoginResult {
  email: string;
  /** The auth file's id (its name in auth-dir). */
  accountId: string;
}

export type IFlowLogin = BrowserLogin<IFlowLoginResult>;

/** `ifl-<unix nanoseconds>`; the sub-millisecond digits are random so two logins in one ms differ. */
export function createIFlowState(now: number): string {
  return `ifl-${BigInt(Math.floor(now)) * 1_000_000n + BigInt(randomInt(1_000_000))}`;
}

/**
 * iFlow's OAuth login (docs/providers.md#iflow-login): authorize URL with `redirect` (not `redirect_uri`), no PKCE; waits on the
 * loopback callback on 127.0.0.1 (or a pasted callback URL) for this state, exchanges the code, fetches
 * the user info that yields the API key and writes `iflow-<email>.json` through the store.
 */
export async function startIFlowLogin(options: IFlowLoginOptions): Promise<IFlowLogin> {
  const now = options.now ?? Date.now;
  const state = createIFlowState(now());
  const callback = await startLoopbackCallback({ port: options.callbackPort ?? iflowCallbackPort, path: iflowCallbackPath, expectedState: state, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.forwardTo ? { forwardTo: options.forwardTo } : {}) });
  const redirectUri = iflowRedirectUri(callback.port ?? options.callbackPort ?? iflowCallbackPort);
  const query = new URLSearchParams({ loginMethod: 'phone', type: 'phone', redirect: redirectUri, state, client_id: iflowClientId });
  const result = callback.result.then(async ({ code }) => {
    const tokens = await exchangeIFlowCode(options.endpoints, code, redirectUri);
    const at = now();
    const accountId = iflowAuthFileName(tokens.email, at, options.cliFileName === true);
    await options.store.saveNew(accountId, buildIFlowAuthData(tokens, at));
    return { email: tokens.email, accountId };
  });
  return browserLogin(options.endpoints.authorizeUrl, query, state, callback, result);
}
