import type { RefreshFunction } from '../../auth-store/account-refresher';
import type { AuthRecord } from '../../auth-store/auth-record';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { stringField } from '../oauth/oauth-credential';
import { refreshKimiTokens, type KimiTokens } from './kimi-device-flow';
import type { KimiOAuthEndpoints } from './kimi-oauth-endpoints';

/** docs/providers.md#kimi-auth-file: `kimi-<unix ms>.json`, as CLIProxyAPI names it. */
export function kimiAuthFileName(now: number): string {
  return `kimi-${now}.json`;
}

/** A new auth file in CLIProxyAPI's kimi format (docs/providers.md#kimi-auth-file): no email, the login's device id. */
export function buildKimiAuthData(tokens: KimiTokens, deviceId: string, now: number): Record<string, unknown> {
  return {
    type: 'kimi',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    token_type: tokens.tokenType,
    scope: tokens.scope,
    device_id: deviceId,
    ...expiry(tokens, now),
    timestamp: now,
  };
}

/** The device id a file's requests send: its `device_id`, else `fallback` (kimi-cli's, docs/providers.md#kimi-identity). */
export function kimiDeviceIdOf(record: AuthRecord, fallback: () => string): string {
  return stringField(record.data.device_id).trim() || fallback();
}

/** The auth-store RefreshFunction for `type: kimi` files (docs/providers.md#kimi-refresh); lead 5 min. */
export function createKimiRefresh(endpoints: KimiOAuthEndpoints, fallbackDeviceId: () => string, now: () => number = Date.now): RefreshFunction {
  return async (record) => {
    const tokens = await refreshKimiTokens(endpoints, record.refreshToken, kimiDeviceIdOf(record, fallbackDeviceId));
    const at = now();
    return { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, ...expiry(tokens, at), type: 'kimi', last_refresh: formatAuthTime(at) };
  };
}

/** `expired` only when Kimi said how long the token lives. */
function expiry(tokens: KimiTokens, now: number): { expired?: string } {
  return tokens.expiresIn > 0 ? { expired: formatAuthTime(now + tokens.expiresIn * 1000) } : {};
}
