import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { iflowClientId, iflowClientSecret, type IFlowOAuthEndpoints } from './iflow-oauth-endpoints';

/** Tokens plus the user info that carries the API key the executor uses (docs/providers.md#iflow-login). */
export interface IFlowTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
  scope: string;
  apiKey: string;
  /** `email`, else `phone` (the identity, docs/providers.md#iflow-login). */
  email: string;
}

const basic = `Basic ${Buffer.from(`${iflowClientId}:${iflowClientSecret}`).toString('base64')}`;
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: basic };

/** docs/providers.md#iflow-login: form code exchange with the client secret in the body and as Basic auth. */
export async function exchangeIFlowCode(endpoints: IFlowOAuthEndpoints, code: string, redirectUri: string): Promise<IFlowTokens> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: iflowClientId, client_secret: iflowClientSecret });
  const response = await fetch(endpoints.tokenUrl, { method: 'POST', headers: formHeaders, body: form.toString(), signal: AbortSignal.timeout(30_000) });
  const data = record(await response.json().catch(() => ({})));
  if (!response.ok) throw new Error(`Failed to exchange authorization code for tokens: HTTP ${response.status}${text(data.error) ? ` (${text(data.error)})` : ''}`);
  return withUserInfo(endpoints, data, '');
}

/** docs/providers.md#iflow-refresh: the same token URL with the refresh grant; the user info (so the API key) is fetched again. */
export async function refreshIFlowTokens(endpoints: IFlowOAuthEndpoints, refreshToken: string): Promise<IFlowTokens> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: iflowClientId, client_secret: iflowClientSecret });
  const response = await fetch(endpoints.tokenUrl, { method: 'POST', headers: formHeaders, body: form.toString(), signal: AbortSignal.timeout(30_000) });
  const data = record(await response.json().catch(() => ({})));
  if (!response.ok) {
    const code = text(data.error);
    if (code === 'invalid_grant') throw new OAuthRefreshError('The refresh token was rejected (invalid_grant)', 'invalid_grant');
    throw new OAuthRefreshError(`Token refresh failed with HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
  }
  return withUserInfo(endpoints, data, refreshToken);
}

async function withUserInfo(endpoints: IFlowOAuthEndpoints, data: Record<string, unknown>, previousRefresh: string): Promise<IFlowTokens> {
  const accessToken = text(data.access_token);
  if (!accessToken) throw new Error('The token response has no access_token');
  const info = await fetchIFlowUserInfo(endpoints, accessToken);
  return {
    accessToken,
    refreshToken: text(data.refresh_token) || previousRefresh,
    expiresIn: typeof data.expires_in === 'number' && data.expires_in > 0 ? data.expires_in : 3600,
    tokenType: text(data.token_type),
    scope: text(data.scope),
    ...info,
  };
}

/** docs/providers.md#iflow-login: `GET getUserInfo?accessToken=` -> `{success, data:{apiKey, email, phone}}`; no apiKey is an error. */
export async function fetchIFlowUserInfo(endpoints: IFlowOAuthEndpoints, accessToken: string): Promise<{ apiKey: string; email: string }> {
  const url = `${endpoints.userInfoUrl}?${new URLSearchParams({ accessToken }).toString()}`;
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  const body = record(await response.json().catch(() => ({})));
  const data = record(body.data);
  const apiKey = text(data.apiKey);
  if (!response.ok || body.success !== true || !apiKey) throw new Error(`iFlow user info failed (HTTP ${response.status}): no API key returned`);
  return { apiKey, email: text(data.email) || text(data.phone) };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
