import type { AuthRecord } from './auth-record';
import { readTokenField, withData } from './auth-record';
import type { AuthStore, AuthStoreChange, AuthStoreLogger } from './auth-store';

/**
 * A refresh failure. `needsRelogin` means the refresh token is dead and the user must log in again: true for
 * `invalid_grant`, and for a provider's own equivalent when its token client says so (Codex `refresh_token_reused`, `_expired`, `_invalidated`).
 */
export class OAuthRefreshError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly needsRelogin: boolean = code === 'invalid_grant',
  ) {
    super(message);
    this.name = 'OAuthRefreshError';
  }
}

/** Thrown for an account already marked as needing a new login: no refresh is attempted. */
export class NeedsReloginError extends Error {
  constructor(readonly accountId: string) {
    super(`Account ${accountId} needs a new login`);
    this.name = 'NeedsReloginError';
  }
}

/**
 * Provider refresh: given the current file, returns the fields to merge into it (tokens, expiry, last_refresh).
 * A provider whose files can refresh without a refresh_token (iFlow cookie files) says so with `refreshable`,
 * and `leadFor` gives such a file its own lead.
 */
export type RefreshFunction = ((record: AuthRecord) => Promise<Record<string, unknown>>) & {
  refreshable?(record: AuthRecord): boolean;
  leadFor?(record: AuthRecord): number | undefined;
};

const minute = 60_000;

/** The lead of a provider absent from `leads` (docs/providers.md#refresh-scheduling). */
const fallbackRefreshLeadMs = 5 * minute;

/** What a refresh replaces: the refresh token, and the access token (cookie-refreshed files have no refresh token). */
function tokensOf(record: AuthRecord): string {
  return `${record.refreshToken}\n${readTokenField(record.data, 'access_token')}`;
}

/** After a failed refresh the scheduler leaves the account alone this long (docs/providers.md#refresh-scheduling). */
const failureBackoffMs = 5 * minute;

export interface AccountRefresherOptions {
  store: AuthStore;
  refreshers: Readonly<Record<string, RefreshFunction>>;
  /**
   * How long before expiry each provider's files are refreshed, by provider id: the registry's
   * `refreshLeadByProvider` (the providers' `auth.refreshLeadMs`). A provider without an entry: 5 minutes.
   */
  leads?: Readonly<Record<string, number>>;
  now?: () => number;
  logger?: AuthStoreLogger;
}

export type AccountState = 'active' | 'disabled' | 'needs-relogin';

/** Refreshes of an account failing in a row for a reason other than a dead refresh token (network, 5xx). */
export interface RenewalTrouble {
  /** Epoch ms of the first failure in the row. */
  since: number;
  failures: number;
  /** The last failure's message (written by the provider's token client: no token, no body). */
  cause: string;
}

/**
 * Single-flight refresh per account: concurrent callers share one refresh and its result, which is saved
 * to the auth file before anyone sees it. A dead refresh token (`invalid_grant`) marks the account
 * `needs-relogin` in memory and in its file (`needs_relogin`, `needs_relogin_reason`; the file stays,
 * nothing retries it) until the file is written without the mark, e.g. by a new login. Other failures back off.
 */
export class AccountRefresher {
  private readonly inFlight = new Map<string, Promise<AuthRecord>>();
  /** Also held in memory, so the mark holds when writing the file failed. */
  private readonly needsRelogin = new Set<string>();
  private readonly backoffUntil = new Map<string, number>();
  private readonly trouble = new Map<string, RenewalTrouble>();
  private readonly troubleListeners: Array<(id: string) => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: AccountRefresherOptions) {
    this.now = options.now ?? Date.now;
    options.store.onChange((change) => this.forget(change));
  }

  canRefresh(record: AuthRecord): boolean {
    const refresher = this.options.refreshers[record.provider];
    return refresher !== undefined && (record.refreshToken !== '' || refresher.refreshable?.(record) === true);
  }

  state(record: AuthRecord): AccountState {
    if (record.disabled) return 'disabled';
    return this.isMarked(record) ? 'needs-relogin' : 'active';
  }

  /** The account's failing renewals in a row, until a refresh succeeds or its file changes (login-warning.ts reads it). */
  renewalTrouble(id: string): RenewalTrouble | undefined {
    return this.trouble.get(id);
  }

  /** Called when an account's renewal trouble starts, grows or ends. */
  onRenewalTrouble(listener: (id: string) => void): void {
    this.troubleListeners.push(listener);
  }

  refresh(id: string): Promise<AuthRecord> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const started = this.run(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, started);
    return started;
  }

  /** Whether the scheduler should refresh now (docs/providers.md#refresh-scheduling: within `lead` of expiry, or interval since last refresh). */
  isDue(record: AuthRecord): boolean {
    const now = this.now();
    if (record.disabled || !this.canRefresh(record) || this.isMarked(record)) return false;
    if ((this.backoffUntil.get(record.id) ?? 0) > now) return false;
    const interval = record.data.refresh_interval_seconds;
    if (typeof interval === 'number' && interval > 0) return now - (record.lastRefresh ?? 0) >= interval * 1000;
    const lead = this.options.refreshers[record.provider]?.leadFor?.(record) ?? this.options.leads?.[record.provider] ?? fallbackRefreshLeadMs;
    if (record.expiresAt !== null) return record.expiresAt - now <= lead;
    return record.lastRefresh !== null && now - record.lastRefresh >= lead;
  }

  /** Checks every `intervalMs` (CPA: 5 s) and refreshes the accounts that are due. */
  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): void {
    for (const record of this.options.store.list()) {
      if (this.isDue(record)) this.refresh(record.id).catch(() => undefined);
    }
  }

  /**
   * Refreshes under the store's per-account lock (across engines on the team server). When the stored
   * tokens differ from the ones this refresh was asked for, another engine (or a login) already replaced
   * them: those are used and the provider is not called, so a cluster spends each refresh token once.
   */
  private async run(id: string): Promise<AuthRecord> {
    const known = this.options.store.get(id);
    if (known && this.isMarked(known)) throw new NeedsReloginError(id);
    const refresher = known ? this.options.refreshers[known.provider] : undefined;
    if (!known || !refresher) throw new Error(`Account ${id} cannot be refreshed`);
    let attempted: AuthRecord | null = null;
    try {
      const updated = await this.options.store.updateExclusively(id, async (current) => {
        if (tokensOf(current) !== tokensOf(known)) return null;
        attempted = current;
        return withData(current, { ...current.data, ...(await refresher(current)) });
      });
      this.backoffUntil.delete(id);
      this.clearTrouble(id);
      return updated;
    } catch (error) {
      // Marked after the lock is released: the mark is a write of its own.
      if (attempted !== null && error instanceof OAuthRefreshError && error.needsRelogin) {
        await this.markNeedsRelogin(attempted, error);
        throw new NeedsReloginError(id);
      }
      this.backoffUntil.set(id, this.now() + failureBackoffMs);
      this.noteTrouble(id, error instanceof Error ? error.message : 'refresh failed');
      this.options.logger?.warn({ account: id, error: error instanceof Error ? error.message : 'refresh failed' }, 'Token refresh failed');
      throw error;
    }
  }

  private noteTrouble(id: string, cause: string): void {
    const previous = this.trouble.get(id);
    this.trouble.set(id, { since: previous?.since ?? this.now(), failures: (previous?.failures ?? 0) + 1, cause });
    for (const listener of this.troubleListeners) listener(id);
  }

  private clearTrouble(id: string): void {
    if (!this.trouble.delete(id)) return;
    for (const listener of this.troubleListeners) listener(id);
  }

  private isMarked(record: AuthRecord): boolean {
    return record.needsRelogin || this.needsRelogin.has(record.id);
  }

  /** Marks the account in memory, then in its file, so routing skips it and the auth-files list shows it. */
  private async markNeedsRelogin(record: AuthRecord, error: OAuthRefreshError): Promise<void> {
    // The file changed while this refresh was in flight (a new login): marking would write the dead token back over it.
    const current = this.options.store.get(record.id);
    if (current !== undefined && JSON.stringify(current.data) !== JSON.stringify(record.data)) return;
    this.needsRelogin.add(record.id);
    this.options.logger?.warn({ account: record.id, code: error.code }, 'Refresh token rejected: the account needs a new login');
    const reason = `${error.code}: ${error.message}`;
    try {
      await this.options.store.save(withData(record, { ...record.data, needs_relogin: true, needs_relogin_reason: reason }));
    } catch (saveError) {
      this.options.logger?.warn({ account: record.id, error: saveError instanceof Error ? saveError.message : 'save failed' }, 'Could not record needs_relogin in the auth file');
    }
  }

  /** A file written without the mark (a new login, a hand edit) gets a fresh start (no backoff, no renewal trouble); removed files are forgotten. */
  private forget(change: AuthStoreChange): void {
    for (const id of [...change.added, ...change.changed, ...change.removed]) {
      this.backoffUntil.delete(id);
      if (this.options.store.get(id)?.needsRelogin !== true) this.needsRelogin.delete(id);
      this.clearTrouble(id);
    }
  }
}
