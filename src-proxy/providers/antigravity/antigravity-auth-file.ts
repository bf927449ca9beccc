import { OAuthRefreshError, type RefreshFunction } from '../../auth-store/account-refresher';
import type { AuthRecord } from '../../auth-store/auth-record';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { refreshGoogleTokens, type GoogleTokens } from '../gemini-cli/gemini-cli-token-client';
import { stringField } from '../oauth/oauth-credential';
import { antigravityClient, type AntigravityEndpoints } from './antigravity-oauth-endpoints';
import { discoverAntigravityProject } from './antigravity-project';

/** `antigravity-<email>.json`, `antigravity.json` without an email (docs/providers.md#antigravity-auth-file). */
export function antigravityAuthFileName(email: string): string {
  const trimmed = email.trim().replace(/[/\\:*?"<>|]/g, '_');
  return trimmed === '' ? 'antigravity.json' : `antigravity-${trimmed}.json`;
}

/** A new `type: antigravity` file in CPA's shape (docs/providers.md#antigravity-auth-file). */
export function buildAntigravityAuthData(input: { email: string; projectId: string; tokens: GoogleTokens }, now: number): Record<string, unknown> {
  return { ...tokenFields(input.tokens, now), email: input.email, project_id: input.projectId };
}

/** docs/providers.md#antigravity-auth-file: the token fields CPA writes at login and after each refresh. */
function tokenFields(tokens: GoogleTokens, now: number): Record<string, unknown> {
  return {
    type: 'antigravity',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_in: tokens.expiresIn,
    timestamp: now,
    expired: formatAuthTime(now + tokens.expiresIn * 1000),
  };
}

/**
 * The auth-store RefreshFunction for `type: antigravity` files (docs/providers.md#antigravity-refresh): Google's
 * refresh grant with Antigravity's client (the refresh token is kept, Google does not resend it). A file
 * without a `project_id` (CPA's management login writes one when discovery failed) is not served; it is due
 * at once (`leadFor`), and its refresh discovers the project, failing (so the refresher backs off) when none comes.
 */
export function createAntigravityRefresh(endpoints: AntigravityEndpoints, options: { now?: () => number; onboardPollMs?: number } = {}): RefreshFunction {
  const refresh: RefreshFunction = async (record) => {
    const tokens = await refreshGoogleTokens(endpoints, record.refreshToken, antigravityClient);
    const fields = tokenFields(tokens, (options.now ?? Date.now)());
    if (hasAntigravityProject(record)) return fields;
    const polling = options.onboardPollMs !== undefined ? { onboardPollMs: options.onboardPollMs } : {};
    const projectId = await discoverAntigravityProject({ endpoints, accessToken: tokens.accessToken, ...polling }).catch((error: unknown) => {
      throw new OAuthRefreshError(`No Antigravity project: ${error instanceof Error ? error.message : String(error)}`, 'project_discovery');
    });
    return { ...fields, project_id: projectId };
  };
  refresh.leadFor = (record) => (hasAntigravityProject(record) ? undefined : Number.POSITIVE_INFINITY);
  return refresh;
}

export function hasAntigravityProject(record: AuthRecord): boolean {
  return stringField(record.data.project_id).trim() !== '';
}
