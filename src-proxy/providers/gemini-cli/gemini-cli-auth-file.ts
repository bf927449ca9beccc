import type { RefreshFunction } from '../../auth-store/account-refresher';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { geminiCliClientId, geminiCliClientSecret, geminiCliScopes, googleTokenUri, type GeminiCliOAuthEndpoints } from './gemini-cli-oauth-endpoints';
import { refreshGoogleTokens, type GoogleTokens } from './gemini-cli-token-client';

/** `gemini-<email>-<project_id>.json`, `-all` for a comma list or ALL (docs/providers.md#gemini-cli-auth-file). */
export function geminiCliAuthFileName(email: string, projectId: string): string {
  const safe = (text: string) => text.replace(/[/\\:*?"<>|]/g, '_').replace(/^\.+/, '_');
  const project = projectId.includes(',') || projectId.toUpperCase() === 'ALL' ? 'all' : projectId;
  return `gemini-${safe(email || 'account')}-${safe(project)}.json`;
}

/** A new `type: gemini` auth file in CPA's format (docs/providers.md#gemini-cli-auth-file), with the top-level token fields CPA writes after use. */
export function buildGeminiCliAuthData(input: { email: string; projectId: string; auto: boolean; tokens: GoogleTokens }, now: number): Record<string, unknown> {
  return { type: 'gemini', email: input.email, project_id: input.projectId, auto: input.auto, checked: false, disabled: false, ...tokenFields(input.tokens, now, {}) };
}

/** docs/providers.md#gemini-cli-tokens: top-level access_token, token_type, refresh_token, expiry and the merged nested `token`. */
function tokenFields(tokens: GoogleTokens, now: number, previousToken: Record<string, unknown>): Record<string, unknown> {
  const expiry = formatAuthTime(now + tokens.expiresIn * 1000);
  return {
    access_token: tokens.accessToken,
    token_type: tokens.tokenType,
    refresh_token: tokens.refreshToken,
    expiry,
    last_refresh: formatAuthTime(now),
    token: {
      token_uri: googleTokenUri,
      client_id: geminiCliClientId,
      client_secret: geminiCliClientSecret,
      scopes: [...geminiCliScopes],
      universe_domain: 'googleapis.com',
      ...previousToken,
      access_token: tokens.accessToken,
      token_type: tokens.tokenType,
      refresh_token: tokens.refreshToken,
      expiry,
      expires_in: tokens.expiresIn,
    },
  };
}

/** The auth-store RefreshFunction for `type: gemini` files. */
export function createGeminiCliRefresh(endpoints: GeminiCliOAuthEndpoints, now: () => number = Date.now): RefreshFunction {
  return async (record) => {
    const tokens = await refreshGoogleTokens(endpoints, record.refreshToken);
    const previous = typeof record.data.token === 'object' && record.data.token !== null ? (record.data.token as Record<string, unknown>) : {};
    return { ...tokenFields(tokens, now(), previous), type: 'gemini' };
  };
}
