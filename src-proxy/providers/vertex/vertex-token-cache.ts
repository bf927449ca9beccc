import { createHash } from 'node:crypto';
import type { CredentialOAuth } from '../../routing/credential';
import { fetchVertexAccessToken, type VertexAccessToken } from './vertex-token-client';
import type { VertexServiceAccount } from './vertex-service-account';

/** A token is renewed this long before it expires, so it never expires in flight (the engine's shared skew). */
const expirySkewMs = 60_000;

export type FetchVertexToken = (accountId: string, account: VertexServiceAccount, nowMs: number) => Promise<VertexAccessToken>;

/**
 * Vertex access tokens in memory (docs/providers.md#vertex-tokens), never in the auth file (CPA would read an
 * `access_token` there as an API key): one per account, reused until a minute before expiry, one exchange
 * at a time per account (concurrent callers share it). An edited file (another key, email or token URI)
 * gets a new token.
 */
export class VertexTokenCache {
  private readonly tokens = new Map<string, { fingerprint: string; token: VertexAccessToken }>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly fetchToken: FetchVertexToken = fetchVertexAccessToken,
    private readonly now: () => number = Date.now,
  ) {}

  /** The credential's token source for one auth file. */
  tokenSource(accountId: string, account: VertexServiceAccount): CredentialOAuth {
    const fingerprint = createHash('sha256').update([account.clientEmail, account.privateKeyId, account.privateKey, account.tokenUri].join('\n')).digest('hex');
    const current = (): string | undefined => {
      const entry = this.tokens.get(accountId);
      return entry && entry.fingerprint === fingerprint && entry.token.expiresAt - this.now() > expirySkewMs ? entry.token.token : undefined;
    };
    const exchange = (): Promise<string> => this.exchange(accountId, fingerprint, account);
    return {
      deviceId: '',
      accountUuid: '',
      projectId: account.projectId,
      accessToken: async () => current() ?? exchange(),
      refreshAfterUnauthorized: async (rejected) => {
        const token = current();
        return token !== undefined && token !== rejected ? token : exchange();
      },
    };
  }

  private exchange(accountId: string, fingerprint: string, account: VertexServiceAccount): Promise<string> {
    const key = `${accountId}\n${fingerprint}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = this.fetchToken(accountId, account, this.now())
      .then((token) => {
        this.tokens.set(accountId, { fingerprint, token });
        return token.token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}
