import type { RefreshFunction } from '../../auth-store/account-refresher';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { refreshQwenTokens, type QwenTokens } from './qwen-device-flow';
import type { QwenOAuthEndpoints } from './qwen-oauth-endpoints';

/** docs/providers.md#qwen-auth-file: `qwen-<email or alias>.json`, else `qwen-<unix ms>.json`; path characters replaced. */
export function qwenAuthFileName(name: string, now: number): string {
  const safe = name.trim().replace(/[/\\:*?"<>|]/g, '_').replace(/^\.+/, '_');
  return `qwen-${safe || String(now)}.json`;
}

/** A new auth file in CPA's qwen format (docs/providers.md#qwen-auth-file). */
export function buildQwenAuthData(tokens: QwenTokens, email: string, now: number): Record<string, unknown> {
  return { type: 'qwen', ...tokenFields(tokens, now), email };
}

/** docs/providers.md#qwen-refresh. */
function tokenFields(tokens: QwenTokens, now: number): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    last_refresh: formatAuthTime(now),
    resource_url: tokens.resourceUrl,
    expired: formatAuthTime(now + tokens.expiresIn * 1000),
  };
}

/** The auth-store RefreshFunction for `type: qwen` files; the old `resource_url` survives an empty one. */
export function createQwenRefresh(endpoints: QwenOAuthEndpoints, now: () => number = Date.now): RefreshFunction {
  return async (record) => {
    const previous = typeof record.data.resource_url === 'string' ? record.data.resource_url : '';
    const tokens = await refreshQwenTokens(endpoints, record.refreshToken, previous);
    return { ...tokenFields(tokens, now()), type: 'qwen' };
  };
}
