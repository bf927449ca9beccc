import type { RefreshFunction } from '../../auth-store/account-refresher';
import type { AuthRecord } from '../../auth-store/auth-record';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { readBxAuth, refreshIFlowCookieKey } from './iflow-cookie-login';
import type { IFlowOAuthEndpoints } from './iflow-oauth-endpoints';
import { refreshIFlowTokens, type IFlowTokens } from './iflow-token-client';

/** docs/providers.md#iflow-auth-file: management OAuth logins write `iflow-<email>.json`, the CLI `iflow-<email>-<unix>.json`; path characters replaced. */
export function iflowAuthFileName(email: string, now: number, cli = false): string {
  const safe = email.trim().replace(/[/\\:*?"<>|]/g, '_').replace(/^\.+/, '_');
  const unix = String(Math.floor(now / 1000));
  if (cli) return `iflow-${safe ? `${safe}-` : ''}${unix}.json`;
  return `iflow-${safe || unix}.json`;
}

/** A new auth file in CPA's iflow format (docs/providers.md#iflow-auth-file). */
export function buildIFlowAuthData(tokens: IFlowTokens, now: number): Record<string, unknown> {
  return { type: 'iflow', ...tokenFields(tokens, now), cookie: '' };
}

function tokenFields(tokens: IFlowTokens, now: number): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    last_refresh: formatAuthTime(now),
    expired: formatAuthTime(now + tokens.expiresIn * 1000),
    api_key: tokens.apiKey,
    email: tokens.email,
    token_type: tokens.tokenType,
    scope: tokens.scope,
  };
}

/** docs/providers.md#iflow-refresh: a cookie file (BXAuth, no refresh token) is refreshed once its key is under 48 h from expiry. */
const cookieLeadMs = 48 * 3_600_000;

/**
 * The auth-store RefreshFunction for `type: iflow` files (docs/providers.md#iflow-refresh): OAuth files get new tokens and a
 * re-fetched API key; cookie files (BXAuth, no refresh token) get their key from `POST apikey {name}`.
 */
export function createIFlowRefresh(endpoints: IFlowOAuthEndpoints, now: () => number = Date.now): RefreshFunction {
  const isCookieFile = (record: AuthRecord) => record.refreshToken === '' && readBxAuth(String(record.data.cookie ?? '')) !== '';
  const refresh = async (record: AuthRecord) => {
    if (isCookieFile(record)) return refreshIFlowCookieKey(endpoints, record, now());
    const tokens = await refreshIFlowTokens(endpoints, record.refreshToken);
    const fields = tokenFields(tokens, now());
    // Keep the stored identity when the user info names none.
    if (!tokens.email && typeof record.data.email === 'string') fields.email = record.data.email;
    return { ...fields, type: 'iflow' };
  };
  return Object.assign(refresh, { refreshable: isCookieFile, leadFor: (record: AuthRecord) => (isCookieFile(record) ? cookieLeadMs : undefined) });
}
