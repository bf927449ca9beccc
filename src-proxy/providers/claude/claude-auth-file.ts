import { randomBytes } from 'node:crypto';
import type { RefreshFunction } from '../../auth-store/account-refresher';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { refreshClaudeTokens, type ClaudeTokenClientOptions, type ClaudeTokens } from './claude-token-client';

/** `claude-<email>.json` (docs/providers.md#claude-auth-file); path separators would escape auth-dir, so they are replaced. */
export function claudeAuthFileName(email: string): string {
  const safe = (email || 'account').replace(/[/\\:*?"<>|]/g, '_').replace(/^\.+/, '_');
  return `claude-${safe}.json`;
}

/**
 * The fields of a new Claude auth file in CPA's format (docs/providers.md#claude-auth-file): `account_uuid`, `organization_uuid` and
 * `organization_name` only when known, one 64-hex device id for `metadata.user_id`, `id_token` always ''.
 */
export function buildClaudeAuthData(tokens: ClaudeTokens, now: number): Record<string, unknown> {
  return {
    type: 'claude',
    ...tokenFields(tokens, now),
    claude_device_ids: [randomBytes(32).toString('hex')],
    id_token: '',
    disabled: false,
  };
}

/** What a refresh writes back (docs/providers.md#claude-refresh). */
function tokenFields(tokens: ClaudeTokens, now: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expired: formatAuthTime(now + tokens.expiresIn * 1000),
    last_refresh: formatAuthTime(now),
    email: tokens.email,
  };
  if (tokens.accountUuid) fields.account_uuid = tokens.accountUuid;
  if (tokens.organizationUuid) fields.organization_uuid = tokens.organizationUuid;
  if (tokens.organizationName) fields.organization_name = tokens.organizationName;
  return fields;
}

/** The auth-store RefreshFunction for `type: claude` files; a file's existing email survives an empty one. */
export function createClaudeRefresh(options: ClaudeTokenClientOptions, now: () => number = Date.now): RefreshFunction {
  return async (record) => {
    const tokens = await refreshClaudeTokens(options, record.refreshToken);
    const fields = tokenFields({ ...tokens, email: tokens.email || record.email }, now());
    return { ...fields, type: 'claude' };
  };
}
