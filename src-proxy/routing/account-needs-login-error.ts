import { ProxyError } from '../errors/proxy-error';
import type { Credential } from './credential';

/**
 * An OAuth account whose login is dead (its refresh token was refused: `needs_relogin`) and no other
 * account served the request. 403, never 401: a 401 reads as "the key you sent this proxy is wrong"
 * (Claude Code answers it with "Invalid API key · Please run /login", SDKs raise AuthenticationError),
 * and the 429/5xx statuses make Claude Code, Codex CLI and the SDKs retry what cannot succeed. A 403 is
 * shown with its message at once. docs/errors.md `PX_CREDENTIAL_EXPIRED`.
 */
export function accountNeedsLoginError(credential: Pick<Credential, 'label' | 'provider'>): ProxyError {
  return new ProxyError({
    code: 'PX_CREDENTIAL_EXPIRED',
    message: `The proxy's account ${credential.label} needs a new login: its provider refused to renew the sign-in. Log in to it again (CLI Proxy > Accounts, or \`cliproxy login\`); the key you send to this proxy is not the problem.`,
    httpStatus: 403,
    // What routing retries on (execute-with-retry): the account's 401, so no new round waits for it.
    upstreamStatus: 401,
    provider: credential.provider,
  });
}

/** A refresh that failed for another reason (token endpoint down, a 5xx): worth retrying later. */
export function accountRefreshFailedError(credential: Pick<Credential, 'label' | 'provider'>): ProxyError {
  return new ProxyError({
    code: 'PX_CREDENTIAL_EXPIRED',
    message: `The proxy's account ${credential.label} could not renew its sign-in right now; try again shortly.`,
    httpStatus: 503,
    upstreamStatus: 401,
    retryable: true,
    provider: credential.provider,
  });
}

/** The auth store's refresher throws this (by name, so routing does not import the auth store). */
export function isNeedsReloginError(error: unknown): boolean {
  return error instanceof Error && error.name === 'NeedsReloginError';
}
