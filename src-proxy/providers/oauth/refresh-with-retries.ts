import { OAuthRefreshError } from '../../auth-store/account-refresher';

export interface RefreshWithRetriesOptions<Tokens> {
  /** One POST to the provider's token endpoint. */
  post(): Promise<Response>;
  /** The new tokens from a successful answer (keeping old values the provider did not resend). */
  read(json: unknown): Tokens | Promise<Tokens>;
  /** The OAuth error code of a failed answer (never its description: it may echo request values). */
  errorCode(body: string): string;
  /** Error codes that mean the refresh token is dead (default `invalid_grant`): the account needs a new login. */
  deadTokenCodes?: readonly string[];
  sleep?(ms: number): Promise<void>;
}

/**
 * Token refresh as the OAuth providers do it (docs/providers.md#claude-refresh, docs/providers.md#codex-refresh): up to 3 attempts, network errors and 5xx
 * retried after 1 s and 2 s; a 4xx is final, and a dead-token code (`invalid_grant`, or the provider's own)
 * becomes an OAuthRefreshError with `needsRelogin`, which marks the account as needing a new login.
 */
export async function refreshWithRetries<Tokens>(options: RefreshWithRetriesOptions<Tokens>): Promise<Tokens> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastError: unknown = null;
  for (const wait of [0, 1000, 2000]) {
    if (wait > 0) await sleep(wait);
    let response: Response;
    try {
      response = await options.post();
    } catch (error) {
      lastError = error;
      continue;
    }
    if (response.ok) return options.read(await response.json());
    const text = await response.text();
    const code = options.errorCode(text);
    if ((options.deadTokenCodes ?? ['invalid_grant']).includes(code)) throw new OAuthRefreshError(`The refresh token was rejected (${code})`, code, true);
    lastError = new OAuthRefreshError(`Token refresh failed with HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
    if (response.status < 500) break;
  }
  throw lastError instanceof Error ? lastError : new Error('Token refresh failed');
}
