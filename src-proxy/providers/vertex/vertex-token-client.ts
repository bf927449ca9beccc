import { NeedsReloginError } from '../../auth-store/account-refresher';
import { signServiceAccountAssertion } from './sign-service-account-assertion';
import type { VertexServiceAccount } from './vertex-service-account';

export interface VertexAccessToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Exchanges a fresh assertion at the account's token URI (docs/providers.md#vertex-tokens). Google's
 * `invalid_grant` (key deleted or disabled, account gone) is final: a NeedsReloginError, so the client is
 * told the account needs attention; anything else is a plain error (routing retries it later). Messages
 * carry the OAuth error code only, never the answer's text.
 */
export async function fetchVertexAccessToken(accountId: string, account: VertexServiceAccount, nowMs: number): Promise<VertexAccessToken> {
  const response = await fetch(account.tokenUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: jwtBearerGrant, assertion: signServiceAccountAssertion(account, nowMs) }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  const data = await readJson(response);
  if (!response.ok) {
    if (data.error === 'invalid_grant') throw new NeedsReloginError(accountId);
    throw new Error(`Vertex token exchange failed with HTTP ${response.status}${typeof data.error === 'string' ? ` (${data.error})` : ''}`);
  }
  if (typeof data.access_token !== 'string' || data.access_token === '') throw new Error('The Vertex token answer has no access_token');
  const expiresIn = typeof data.expires_in === 'number' && data.expires_in > 0 ? data.expires_in : 3600;
  return { token: data.access_token, expiresAt: nowMs + expiresIn * 1000 };
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const parsed = (await response.json()) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
