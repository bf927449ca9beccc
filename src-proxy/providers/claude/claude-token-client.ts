import { refreshWithRetries } from '../oauth/refresh-with-retries';
import { claudeClientId, claudeScopes, type ClaudeOAuthEndpoints } from './claude-oauth-endpoints';

/** Headers of CPA's token calls, which mimic Claude Code's axios client (docs/providers.md#claude-login). */
const axiosHeaders: Readonly<Record<string, string>> = {
  accept: 'application/json, text/plain, */*',
  'content-type': 'application/json',
  'user-agent': 'axios/1.15.2',
};

export interface ClaudeTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  email: string;
  accountUuid: string;
  organizationUuid: string;
  organizationName: string;
}

export interface ClaudeTokenClientOptions {
  endpoints: ClaudeOAuthEndpoints;
  /** Waits between refresh attempts (docs/providers.md#claude-refresh: 1 s then 2 s); tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
}

/** Authorization-code exchange; the JSON key order is CPA's (docs/providers.md#claude-login). */
export async function exchangeClaudeCode(options: ClaudeTokenClientOptions, input: { code: string; state: string; verifier: string; redirectUri: string }): Promise<ClaudeTokens> {
  const body = { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, client_id: claudeClientId, code_verifier: input.verifier, state: input.state };
  const response = await postToken(options.endpoints.tokenUrl, body);
  if (!response.ok) throw new Error(`Failed to exchange authorization code for tokens: ${await describeFailure(response)}`);
  return withProfile(options.endpoints, readTokens(await response.json(), ''));
}

/**
 * Refresh (docs/providers.md#claude-refresh): up to 3 attempts, retrying network errors and 5xx after 1 s and 2 s; a 4xx is final,
 * and `invalid_grant` becomes OAuthRefreshError('invalid_grant'). A response without a new refresh token
 * keeps the old one.
 */
export async function refreshClaudeTokens(options: ClaudeTokenClientOptions, refreshToken: string): Promise<ClaudeTokens> {
  const body = { client_id: claudeClientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope: claudeScopes };
  return refreshWithRetries({
    post: () => postToken(options.endpoints.tokenUrl, body),
    read: (json) => withProfile(options.endpoints, readTokens(json, refreshToken)),
    errorCode,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}

async function postToken(url: string, body: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers: axiosHeaders, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
}

/** The advisory profile call (docs/providers.md#claude-login): fills email and uuids the token response lacked; failures are ignored. */
async function withProfile(endpoints: ClaudeOAuthEndpoints, tokens: ClaudeTokens): Promise<ClaudeTokens> {
  try {
    const response = await fetch(endpoints.profileUrl, {
      headers: { ...axiosHeaders, authorization: `Bearer ${tokens.accessToken}`, 'cache-control': 'no-cache' },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return tokens;
    const profile = record(await response.json());
    const account = record(profile.account);
    const organization = record(profile.organization);
    return {
      ...tokens,
      email: text(account.email) || text(account.email_address) || tokens.email,
      accountUuid: text(account.uuid) || tokens.accountUuid,
      organizationUuid: text(organization.uuid) || tokens.organizationUuid,
      organizationName: text(organization.name) || tokens.organizationName,
    };
  } catch {
    return tokens;
  }
}

function readTokens(json: unknown, previousRefreshToken: string): ClaudeTokens {
  const data = record(json);
  const accessToken = text(data.access_token);
  if (accessToken === '') throw new Error('The token response has no access_token');
  const account = record(data.account);
  const organization = record(data.organization);
  return {
    accessToken,
    refreshToken: text(data.refresh_token) || previousRefreshToken,
    expiresIn: typeof data.expires_in === 'number' ? data.expires_in : 3600,
    email: text(account.email_address) || text(account.email),
    accountUuid: text(account.uuid),
    organizationUuid: text(organization.uuid),
    organizationName: text(organization.name),
  };
}

/** The OAuth error code only: error descriptions may echo request values. */
async function describeFailure(response: Response): Promise<string> {
  const code = errorCode(await response.text());
  return `HTTP ${response.status}${code ? ` (${code})` : ''}`;
}

function errorCode(body: string): string {
  try {
    const data = record(JSON.parse(body));
    if (typeof data.error === 'string') return data.error;
    const nested = record(data.error);
    return text(nested.type);
  } catch {
    return body.includes('invalid_grant') ? 'invalid_grant' : '';
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
