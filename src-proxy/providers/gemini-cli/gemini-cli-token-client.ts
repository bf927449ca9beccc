import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { geminiCliClientId, geminiCliClientSecret, type GeminiCliOAuthEndpoints } from './gemini-cli-oauth-endpoints';

/** A Google OAuth client: Gemini CLI's by default; Antigravity passes its own (docs/providers.md#antigravity-login). */
export interface GoogleOAuthClient {
  clientId: string;
  clientSecret: string;
}

const geminiCliClient: GoogleOAuthClient = { clientId: geminiCliClientId, clientSecret: geminiCliClientSecret };

export interface GoogleTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

/** Authorization-code exchange (docs/providers.md#gemini-cli-login): form body with the public client's id and secret, no PKCE. */
export async function exchangeGoogleCode(endpoints: Pick<GeminiCliOAuthEndpoints, 'tokenUrl'>, input: { code: string; redirectUri: string }, client: GoogleOAuthClient = geminiCliClient): Promise<GoogleTokens> {
  const response = await postToken(endpoints.tokenUrl, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, client_id: client.clientId, client_secret: client.clientSecret });
  if (!response.ok) throw new Error(`Failed to exchange authorization code for tokens: HTTP ${response.status}${codeSuffix(await response.text())}`);
  return readTokens(await response.json(), '');
}

/**
 * Refresh (docs/providers.md#gemini-cli-tokens, the Go oauth2 token source): form grant with the same client; `invalid_grant` becomes
 * OAuthRefreshError('invalid_grant'). Google answers without a refresh_token, so the old one is kept.
 */
export async function refreshGoogleTokens(endpoints: Pick<GeminiCliOAuthEndpoints, 'tokenUrl'>, refreshToken: string, client: GoogleOAuthClient = geminiCliClient): Promise<GoogleTokens> {
  const response = await postToken(endpoints.tokenUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.clientId, client_secret: client.clientSecret });
  if (response.ok) return readTokens(await response.json(), refreshToken);
  const code = errorCode(await response.text());
  if (code === 'invalid_grant') throw new OAuthRefreshError('The refresh token was rejected (invalid_grant)', 'invalid_grant');
  throw new OAuthRefreshError(`Token refresh failed with HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
}

/** docs/providers.md#gemini-cli-login: the userinfo `email`. */
export async function fetchGoogleEmail(endpoints: Pick<GeminiCliOAuthEndpoints, 'userInfoUrl'>, accessToken: string): Promise<string> {
  const response = await fetch(endpoints.userInfoUrl, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`Failed to read the Google account's email: HTTP ${response.status}`);
  const data = (await response.json()) as { email?: unknown };
  if (typeof data.email !== 'string' || data.email === '') throw new Error('The Google account has no email');
  return data.email;
}

async function postToken(url: string, body: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(body).toString(),
    signal: AbortSignal.timeout(30_000),
  });
}

function readTokens(json: unknown, previousRefreshToken: string): GoogleTokens {
  const data = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const accessToken = typeof data.access_token === 'string' ? data.access_token : '';
  if (accessToken === '') throw new Error('The token response has no access_token');
  return {
    accessToken,
    refreshToken: typeof data.refresh_token === 'string' && data.refresh_token ? data.refresh_token : previousRefreshToken,
    tokenType: typeof data.token_type === 'string' && data.token_type ? data.token_type : 'Bearer',
    expiresIn: typeof data.expires_in === 'number' ? data.expires_in : 3600,
  };
}

function codeSuffix(body: string): string {
  const code = errorCode(body);
  return code ? ` (${code})` : '';
}

/** The OAuth error code only: descriptions may echo request values. */
function errorCode(body: string): string {
  try {
    const data = JSON.parse(body) as { error?: unknown };
    return typeof data.error === 'string' ? data.error : '';
  } catch {
    return body.includes('invalid_grant') ? 'invalid_grant' : '';
  }
}
