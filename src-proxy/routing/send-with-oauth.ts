import { accountNeedsLoginError, accountRefreshFailedError, isNeedsReloginError } from './account-needs-login-error';
import type { Credential } from './credential';
import type { AttemptOutcome } from './execute-with-retry';

/**
 * One attempt with a credential's current auth (docs/routing.md#oauth-tokens-per-attempt): API-key credentials are sent as they are. An
 * OAuth credential gets a fresh access token first (refreshed single-flight when near expiry); when the
 * upstream answers 401 the token is refreshed once and the same credential is tried once more before the
 * failure goes back to routing (which cools it down and moves on). An account that cannot produce a
 * token (needs a new login, refresh failing) fails without contacting the upstream, so routing fails over.
 * A 401 whose refresh finds the login dead is reported as that, not as the provider's 401 body ("Invalid
 * API key"), which a client would read as its own key to the proxy being wrong.
 */
export function sendWithOAuth<T>(credential: Credential, send: (credential: Credential) => Promise<AttemptOutcome<T>>): Promise<AttemptOutcome<T>> {
  // API-key credentials (most requests) go straight through, without one more async frame.
  const { oauth } = credential;
  return oauth ? sendWithToken(credential, oauth, send) : send(credential);
}

async function sendWithToken<T>(
  credential: Credential,
  oauth: NonNullable<Credential['oauth']>,
  send: (credential: Credential) => Promise<AttemptOutcome<T>>,
): Promise<AttemptOutcome<T>> {
  let token: string;
  try {
    token = await oauth.accessToken();
  } catch (error) {
    return tokenFailure(credential, error);
  }
  const first = await send({ ...credential, apiKey: token });
  if (first.ok || first.failure.status !== 401) return first;
  let refreshed: string;
  try {
    refreshed = await oauth.refreshAfterUnauthorized(token);
  } catch (error) {
    return isNeedsReloginError(error) ? tokenFailure(credential, error) : first;
  }
  return send({ ...credential, apiKey: refreshed });
}

function tokenFailure<T>(credential: Credential, error: unknown): AttemptOutcome<T> {
  const relogin = isNeedsReloginError(error);
  return {
    ok: false,
    error: relogin ? accountNeedsLoginError(credential) : accountRefreshFailedError(credential),
    // Routing sees a 401 verdict: the account cools down and the next one is tried.
    failure: { status: 401, body: relogin ? 'invalid_grant' : '', retryAfter: undefined },
  };
}
