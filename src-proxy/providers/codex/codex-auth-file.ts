import { createHash } from 'node:crypto';
import type { RefreshFunction } from '../../auth-store/account-refresher';
import type { AuthStore } from '../../auth-store/auth-store';
import { formatAuthTime } from '../../auth-store/parse-auth-time';
import { refreshCodexTokens, type CodexTokenClientOptions, type CodexTokens } from './codex-token-client';

/**
 * `codex-<hash8>-<email>-<plan>.json` (docs/providers.md#codex-auth-file): hash8 = first 8 hex of SHA-256(account id), plan
 * lower-cased with non-alphanumeric runs turned into '-'; parts that are unknown are left out.
 */
export function codexAuthFileName(email: string, accountId: string, planType: string): string {
  const safeEmail = (email || 'account').replace(/[/\\:*?"<>|]/g, '_').replace(/^\.+/, '_');
  const parts = ['codex'];
  if (accountId) parts.push(createHash('sha256').update(accountId).digest('hex').slice(0, 8));
  parts.push(safeEmail);
  const plan = planType.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (plan) parts.push(plan);
  return `${parts.join('-')}.json`;
}

/** A new Codex auth file in CPA's format (docs/providers.md#codex-auth-file). */
export function buildCodexAuthData(tokens: CodexTokens, now: number): Record<string, unknown> {
  return { type: 'codex', ...tokenFields(tokens, now), disabled: false };
}

/** Writes the account a login (browser or device) produced as `codex-<hash8>-<email>-<plan>.json`. */
export async function saveCodexAccount(store: AuthStore, tokens: CodexTokens, now: number): Promise<{ email: string; accountId: string; planType: string }> {
  const accountId = codexAuthFileName(tokens.email, tokens.accountId, tokens.planType);
  await store.saveNew(accountId, buildCodexAuthData(tokens, now));
  return { email: tokens.email, accountId, planType: tokens.planType };
}

/** What a login or refresh stores (docs/providers.md#codex-refresh). */
function tokenFields(tokens: CodexTokens, now: number): Record<string, unknown> {
  return {
    id_token: tokens.idToken,
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    account_id: tokens.accountId,
    email: tokens.email,
    expired: formatAuthTime(now + tokens.expiresIn * 1000),
    last_refresh: formatAuthTime(now),
  };
}

/** The auth-store RefreshFunction for `type: codex` files; the file's email and account id survive empty claims. */
export function createCodexRefresh(options: CodexTokenClientOptions, now: () => number = Date.now): RefreshFunction {
  return async (record) => {
    const previousIdToken = typeof record.data.id_token === 'string' ? record.data.id_token : '';
    const tokens = await refreshCodexTokens(options, record.refreshToken, previousIdToken);
    const accountId = tokens.accountId || (typeof record.data.account_id === 'string' ? record.data.account_id : '');
    return { ...tokenFields({ ...tokens, email: tokens.email || record.email, accountId }, now()), type: 'codex' };
  };
}
