import type { Logger } from 'pino';
import { AccountRefresher, type RefreshFunction } from '../auth-store/account-refresher';
import { readTokenField, type AuthRecord } from '../auth-store/auth-record';
import type { AuthRecordSource } from '../auth-store/auth-record-source';
import { AuthStore } from '../auth-store/auth-store';
import type { BoundAuthFiles, OAuthAccountsConfig, OAuthEndpointOverrides } from '../providers/provider-auth';
import { authFileProviders, loginProviders, providerByAuthFileType, refreshLeadByProvider } from '../providers/registry';
import type { Credential, CredentialOAuth } from '../routing/credential';

export type { OAuthAccountsConfig, OAuthEndpointOverrides } from '../providers/provider-auth';

/** Refresh on demand this long before expiry, so a token never expires in flight. */
const expirySkewMs = 60_000;

/**
 * The engine's OAuth accounts: the auth-dir store, its single-flight refresher with the providers'
 * refresh functions, and the routing credentials built from the files. Files of providers without an
 * executor, disabled ones and ones marked `needs_relogin` are loaded and kept but not routed.
 */
export class OAuthAccounts {
  readonly store: AuthStore;
  readonly refresher: AccountRefresher;
  /** Each auth-file provider's auth bound to its endpoints, by provider id. */
  readonly providers: ReadonlyMap<string, BoundAuthFiles>;

  /** `source`: the auth-dir path, or the team server's table (its notifications need no fs.watch debounce). */
  constructor(source: string | AuthRecordSource, logger: Logger, overrides: OAuthEndpointOverrides = {}) {
    this.store = new AuthStore(source, { logger, providerByType: providerByAuthFileType, ...(typeof source === 'string' ? {} : { debounceMs: 20 }) });
    this.providers = new Map(authFileProviders.map((provider) => [provider.id, provider.auth.bind(overrides[provider.auth.endpointKey])]));
    const refreshers: Record<string, RefreshFunction> = Object.fromEntries([...this.providers].flatMap(([id, bound]) => (bound.refresh ? [[id, bound.refresh]] : [])));
    this.refresher = new AccountRefresher({ store: this.store, refreshers, leads: refreshLeadByProvider, logger });
  }

  /** The login sessions' endpoint options: `<endpointKey>Endpoints` per login provider. */
  loginEndpoints(): Record<`${string}Endpoints`, object> {
    return Object.fromEntries(loginProviders.map((provider) => [`${provider.auth.endpointKey}Endpoints`, this.bound(provider.id).endpoints]));
  }

  /** POST /api-call may send an account's token to these URLs besides its base URL, by provider id. */
  apiCallUrls(): Record<string, string[]> {
    return Object.fromEntries([...this.providers].map(([id, bound]) => [id, [...bound.apiCallUrls]]));
  }

  /** Watches the folder and runs the refresh scheduler (docs/providers.md#refresh-scheduling) until `pause`. */
  async resume(): Promise<void> {
    await this.store.watch();
    // Files changed while the engine was stopped (nothing watched then) apply now.
    await this.store.rescanAndNotify();
    this.refresher.start();
  }

  pause(): void {
    this.store.close();
    this.refresher.stop();
  }

  /** `config` supplies `oauth-model-alias` / `oauth-excluded-models` (docs/config.md#oauth-model-alias-and-oauth-excluded-models) and the header defaults; none when omitted. */
  credentials(config: OAuthAccountsConfig = { oauthModelAlias: {}, oauthExcludedModels: {} }): Credential[] {
    // An account whose refresh token died serves nothing until a new login rewrites its file.
    return this.store
      .list()
      .filter((record) => !record.disabled && this.refresher.state(record) !== 'needs-relogin')
      .flatMap((record) => this.credentialsOf(record, config));
  }

  /**
   * The credentials the enabled accounts marked `needs_relogin` would have: never routed, only consulted
   * when a model has no routable account, so the client is told an account needs a new login.
   */
  needsLoginCredentials(config: OAuthAccountsConfig = { oauthModelAlias: {}, oauthExcludedModels: {} }): Credential[] {
    return this.store
      .list()
      .filter((record) => !record.disabled && this.refresher.state(record) === 'needs-relogin')
      .flatMap((record) => this.credentialsOf(record, config));
  }

  /** The file's `weight` is the same for every provider (and every project of a Gemini CLI file). */
  private credentialsOf(record: AuthRecord, config: OAuthAccountsConfig): Credential[] {
    return this.credentialsByProvider(record, config).map((credential) => ({ ...credential, weight: record.weight }));
  }

  private credentialsByProvider(record: AuthRecord, config: OAuthAccountsConfig): Credential[] {
    const bound = this.providers.get(record.provider);
    if (!bound) return [];
    return bound.credentials(record, { config, tokenSource: (options = {}) => this.tokenSource(record.id, options.deviceId ?? '', options.accountUuid ?? '', options.field) });
  }

  private bound(id: string): BoundAuthFiles {
    const bound = this.providers.get(id);
    if (!bound) throw new Error(`No login provider ${id}`);
    return bound;
  }

  /**
   * Reads the store at call time, so a refresh by another request or a file edit is seen at once. The token
   * may sit only in the nested `token` object (a CPA login's Gemini file) until a refresh writes the top level.
   */
  private tokenSource(id: string, deviceId: string, accountUuid: string, field = 'access_token'): CredentialOAuth {
    const current = (): AuthRecord => {
      const record = this.store.get(id);
      if (!record) throw new Error(`Account ${id} was removed`);
      return record;
    };
    const refreshed = async () => readTokenField((await this.refresher.refresh(id)).data, field);
    return {
      deviceId,
      accountUuid,
      accessToken: async () => {
        const record = current();
        if (this.refresher.state(record) === 'needs-relogin') return refreshed();
        const due = record.expiresAt !== null && record.expiresAt - Date.now() <= expirySkewMs;
        return due && this.refresher.canRefresh(record) ? refreshed() : readTokenField(record.data, field);
      },
      refreshAfterUnauthorized: async (rejected) => {
        const token = readTokenField(current().data, field);
        return token !== rejected ? token : refreshed();
      },
    };
  }
}
