import type { RefreshFunction } from '../../auth-store/account-refresher';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { stringField } from '../oauth/oauth-credential';
import { discoverXaiEndpoints, refreshXaiTokens, type XaiTokens } from './xai-device-flow';
import type { XaiOAuthEndpoints } from './xai-oauth-endpoints';

/** docs/providers.md#xai-auth-file: `xai-<email>.json`, else `xai-<sub>.json`, else `xai-<unix ms>.json`; characters other than letters, digits, `@._-` become `-`. */
export function xaiAuthFileName(email: string, subject: string, now: number): string {
  const safe = (value: string) => value.trim().replace(/[^A-Za-z0-9@._-]/g, '-').replace(/^-+|-+$/g, '');
  return `xai-${safe(email) || safe(subject) || String(now)}.json`;
}

/** A new auth file in CPA's xai format (docs/providers.md#xai-auth-file): `base_url` is the official API, `auth_kind: oauth`. */
export function buildXaiAuthData(tokens: XaiTokens, tokenEndpoint: string, apiBase: string, now: number): Record<string, unknown> {
  return { type: 'xai', ...tokenFields(tokens, now), base_url: apiBase, token_endpoint: tokenEndpoint, auth_kind: 'oauth' };
}

/** The fields a login writes and a refresh replaces (docs/providers.md#xai-refresh); `email` and `sub` only when the id_token names them. */
function tokenFields(tokens: XaiTokens, now: number): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    id_token: tokens.idToken,
    token_type: tokens.tokenType,
    expires_in: tokens.expiresIn,
    expired: tokens.expiresIn > 0 ? formatAuthTime(now + tokens.expiresIn * 1000) : '',
    last_refresh: formatAuthTime(now),
    ...(tokens.email ? { email: tokens.email } : {}),
    ...(tokens.subject ? { sub: tokens.subject } : {}),
  };
}

/**
 * The auth-store RefreshFunction for `type: xai` files (docs/providers.md#xai-refresh): at the file's
 * `token_endpoint`, discovered again when the file has none (and then stored). Fields the answer leaves out
 * (id_token, expiry) keep the file's values, as CPA keeps them; an empty `base_url` becomes the official API.
 */
export function createXaiRefresh(endpoints: XaiOAuthEndpoints, now: () => number = Date.now): RefreshFunction {
  return async (record) => {
    const tokenEndpoint = stringField(record.data.token_endpoint).trim() || (await discoverXaiEndpoints(endpoints)).tokenEndpoint;
    const tokens = await refreshXaiTokens(tokenEndpoint, record.refreshToken);
    const baseUrl = stringField(record.data.base_url).trim() || endpoints.apiBase;
    const named = Object.entries(tokenFields(tokens, now())).filter(([, value]) => value !== '' && value !== 0);
    return { ...Object.fromEntries(named), type: 'xai', auth_kind: 'oauth', token_endpoint: tokenEndpoint, base_url: baseUrl };
  };
}
