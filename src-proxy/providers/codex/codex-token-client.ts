import { readCodexIdToken, type CodexIdTokenClaims } from './codex-id-token';
import { refreshWithRetries } from '../oauth/refresh-with-retries';
import { codexClientId, codexRefreshScopes, type CodexOAuthEndpoints } from './codex-oauth-endpoints';

export interface CodexTokens extends CodexIdTokenClaims {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface CodexTokenClientOptions {
  endpoints: CodexOAuthEndpoints;
  /** Waits between refresh attempts; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
}

/** Authorization-code exchange (docs/providers.md#codex-login): form-urlencoded, `Accept: application/json`. */
export async function exchangeCodexCode(options: CodexTokenClientOptions, input: { code: string; verifier: string; redirectUri: string }): Promise<CodexTokens> {
  const body = { grant_type: 'authorization_code', client_id: codexClientId, code: input.code, redirect_uri: input.redirectUri, code_verifier: input.verifier };
  const response = await postToken(options.endpoints.tokenUrl, body);
  if (!response.ok) throw new Error(`Failed to exchange authorization code for tokens: HTTP ${response.status}${codeSuffix(await response.text())}`);
  return readTokens(await response.json(), '', '');
}

/**
 * Refresh (docs/providers.md#codex-refresh): up to 3 attempts, 30 s each; network errors and 5xx are retried after 1 s and 2 s.
 * `invalid_grant` and OpenAI's `refresh_token_reused` (already rotated away), `refresh_token_expired` and
 * `refresh_token_invalidated` (the codes Codex CLI itself treats as "sign in again") mean a dead refresh
 * token: OAuthRefreshError with `needsRelogin`, not retried, so the account is marked instead of backed off.
 * A response without a new refresh or id token keeps the old ones.
 */
export async function refreshCodexTokens(options: CodexTokenClientOptions, refreshToken: string, previousIdToken = ''): Promise<CodexTokens> {
  const body = { client_id: codexClientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope: codexRefreshScopes };
  return refreshWithRetries({
    post: () => postToken(options.endpoints.tokenUrl, body),
    read: (json) => readTokens(json, refreshToken, previousIdToken),
    errorCode,
    deadTokenCodes: codexDeadTokenCodes,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}

const codexDeadTokenCodes = ['invalid_grant', 'refresh_token_reused', 'refresh_token_expired', 'refresh_token_invalidated'] as const;

async function postToken(url: string, body: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(body).toString(),
    signal: AbortSignal.timeout(30_000),
  });
}

function readTokens(json: unknown, previousRefreshToken: string, previousIdToken: string): CodexTokens {
  const data = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const accessToken = typeof data.access_token === 'string' ? data.access_token : '';
  if (accessToken === '') throw new Error('The token response has no access_token');
  const idToken = typeof data.id_token === 'string' && data.id_token ? data.id_token : previousIdToken;
  return {
    ...readCodexIdToken(idToken),
    idToken,
    accessToken,
    refreshToken: typeof data.refresh_token === 'string' && data.refresh_token ? data.refresh_token : previousRefreshToken,
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
    const data = JSON.parse(body) as { error?: unknown; code?: unknown };
    if (typeof data.error === 'string') return data.error;
    if (typeof data.error === 'object' && data.error !== null) {
      const nested = data.error as { code?: unknown; type?: unknown };
      if (typeof nested.code === 'string') return nested.code;
      if (typeof nested.type === 'string') return nested.type;
    }
    return typeof data.code === 'string' ? data.code : '';
  } catch {
    return codexDeadTokenCodes.find((code) => body.includes(code)) ?? '';
  }
}
