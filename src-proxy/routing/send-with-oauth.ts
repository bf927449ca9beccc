import { ProxyError } from '../errors/proxy-error';
import type { Credential } from './credential';
import type { AttemptOutcome } from './execute-with-retry';

/**
 * One attempt with a credential's current auth (spec 0.3): API-key credentials are sent as they are. An
 * OAuth credential gets a fresh access token first (refreshed single-flight when near expiry); when the
 * upstream answers 401 the token is refreshed once and the same credential is tried once more before the
 * failure goes back to routing (which cools it down and moves on). An account that cannot produce a
 * token (needs a new login, refresh failing) fails without contacting the upstream, so routing fails over.
 */
export async function sendWithOAuth<T>(credential: Credential, send: (credential: Credential) => Promise<AttemptOutcome<T>>): Promise<AttemptOutcome<T>> {
  const { oauth } = credential;
  if (!oauth) return send(credential);
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
  } catch {
    return first;
  }
  return send({ ...credential, apiKey: refreshed });
}

function tokenFailure<T>(credential: Credential, error: unknown): AttemptOutcome<T> {
  const relogin = error instanceof Error && error.name === 'NeedsReloginError';
  const message = relogin ? `Account ${credential.label} needs a new login.` : `Account ${credential.label} could not refresh its token.`;
  return {
    ok: false,
    error: new ProxyError({ code: 'PX_CREDENTIAL_EXPIRED', message, httpStatus: 401, upstreamStatus: 401, retryable: true, provider: credential.provider }),
    // A 401 verdict cools the account down and lets routing move on to the next one.
    failure: { status: 401, body: relogin ? 'invalid_grant' : '', retryAfter: undefined },
  };
}
