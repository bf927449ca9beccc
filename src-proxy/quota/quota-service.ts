import type { Dispatcher } from 'undici';
import type { Credential } from '../routing/credential';
import type { QuotaHeadroom } from '../routing/quota-headroom';
import { ProxyError } from '../errors/proxy-error';
import type { ProviderUsageEndpoint } from '../providers/provider-quota';
import { fetchAccountUsage, type UsageFetchResult } from './fetch-account-usage';
import { providerQuotaOf, quotaAccountUrls, resolveUsageUrl, usageEndpointOf, type QuotaEndpointOverrides } from './quota-endpoints';
import { burnSampleTimes, burnSeries } from './burn-series';
import { forecastQuotaWindow, percentPerTokenOf, type WindowTokens } from './forecast-quota-window';
import type { AccountQuota, AccountQuotaEntry, QuotaForecast, QuotaReading, QuotaRefreshError, QuotaWindow } from './quota-types';
import { quotaHeadroom } from './quota-headroom';
import { windowLengthMs } from './quota-window-length';
import type { ResponseHeaders } from './quota-window';
import { limitWindowId, readQuotaError } from './read-quota-error';

/** A refresh this soon after the previous one answers from the cache (the peers' manual-refresh cooldown). */
export const refreshCooldownMs = 15_000;
const usageTimeoutMs = 15_000;
/** The burn rate of a forecast is the tokens of this last stretch of time. */
export const recentBurnMs = 3_600_000;
/** Routing asks for headroom on every pick: an account's forecasts are worked out at most this often for it. */
export const headroomForecastMs = 60_000;

export interface QuotaServiceOptions {
  /** The credentials the engine serves now (the runtime's list; read on every call). */
  credentials(): readonly Credential[];
  /** The undici dispatcher for a credential's proxy (credential `proxy-url`, then the global one). */
  dispatcherFor(credential: Credential): Dispatcher;
  /** Usage endpoint URLs by provider id (tests); each provider's environment variable also works (`CLIPROXY_CLAUDE_USAGE_URL`, ...). */
  endpoints?: QuotaEndpointOverrides;
  /** Tokens a credential used through the proxy in [from, to) (the usage history); absent = no forecasts. */
  tokensUsed?(credentialId: string, range: { from: number; to: number }): number;
  now?: () => number;
}

interface AccountState {
  quota: AccountQuota | null;
  error: QuotaRefreshError | null;
  /** When the usage endpoint was last asked (success or not). */
  fetchedAt: number | null;
  inflight: Promise<void> | null;
  /** The latest forecasts routing used, and when they were worked out. */
  routingForecasts: { at: number; forecasts: QuotaForecast[] } | null;
}

/**
 * Quota per account, kept in memory: read passively from every upstream response (the headers reader of
 * the credential's provider, Codex/Google quota errors) and on demand from the provider's usage endpoint
 * (`ProviderDefinition.quota`: Claude, Codex, Gemini CLI). A header or usage-endpoint reading replaces the account's quota; an error reading only adds
 * or replaces its refused 'limit' window, which is hidden once its reset has passed.
 */
export class QuotaService {
  private readonly states = new Map<string, AccountState>();
  private readonly readingListeners = new Set<(credentialId: string, quota: AccountQuota) => void>();
  private readonly endpoints: QuotaEndpointOverrides;
  private readonly now: () => number;

  constructor(private readonly options: QuotaServiceOptions) {
    this.endpoints = options.endpoints ?? {};
    this.now = options.now ?? Date.now;
  }

  /** The fixed usage endpoints by provider id, as account URLs POST /api-call may send a token to. */
  accountUrls(): Record<string, string[]> {
    return quotaAccountUrls(this.endpoints);
  }

  /**
   * The pipeline's hook (ServerDeps.onUpstreamResponse), called once per upstream answer: a handful of
   * header lookups and nothing else when the response carries no quota information.
   */
  readonly observeResponse = (credential: Credential, status: number, headers: ResponseHeaders, now: number, errorBody?: string): void => {
    try {
      const fromHeaders = providerQuotaOf(credential.provider)?.readHeaders?.(headers, now);
      if (fromHeaders) return this.store(credential.id, fromHeaders, now);
      const fromError = errorBody === undefined ? undefined : readQuotaError(status, errorBody, now);
      if (fromError) this.storeLimit(credential.id, fromError, now);
    } catch {
      // Quota display must never break a proxied request.
    }
  };

  /**
   * The quota-aware strategy's source (routing/quota-headroom.ts), called on every pick: the share left comes
   * from the latest reading each time; its forecasts (usage-history queries) are reused for up to
   * `headroomForecastMs`. Undefined while nothing is known about the credential.
   */
  readonly headroomOf = (credentialId: string): QuotaHeadroom | undefined => {
    const state = this.states.get(credentialId);
    if (!state?.quota) return undefined;
    const quota = this.withoutPastLimit(state.quota);
    const now = this.now();
    if (!state.routingForecasts || now - state.routingForecasts.at >= headroomForecastMs) state.routingForecasts = { at: now, forecasts: this.forecasts(credentialId, quota) };
    return quotaHeadroom(quota.windows, state.routingForecasts.forecasts);
  };

  /** Told of every reading this engine makes (headers, a quota error, the usage endpoint); returns the unsubscribe. */
  onReading(listener: (credentialId: string, quota: AccountQuota) => void): () => void {
    this.readingListeners.add(listener);
    return () => this.readingListeners.delete(listener);
  }

  /**
   * A reading another team engine made (docs/team-server.md#quota-readings): kept when it is newer than the
   * one held, without telling `onReading` (no echo).
   */
  applyShared(credentialId: string, quota: AccountQuota): void {
    const state = this.state(credentialId);
    if (state.quota && state.quota.updatedAt >= quota.updatedAt) return;
    state.quota = quota;
  }

  /** Every OAuth account, and any other credential something was learnt about, in runtime order. */
  list(): AccountQuotaEntry[] {
    const credentials = this.options.credentials();
    const live = new Set(credentials.map((credential) => credential.id));
    for (const id of this.states.keys()) if (!live.has(id)) this.states.delete(id);
    return credentials.filter((credential) => credential.oauth || this.states.has(credential.id)).map((credential) => this.entry(credential));
  }

  /** One account by credential id ('auth:<file>') or auth file name. */
  get(key: string): AccountQuotaEntry | undefined {
    const credential = this.find(key);
    return credential ? this.entry(credential) : undefined;
  }

  /**
   * Asks the account's usage endpoint (OAuth accounts of a provider with one; others answer their cache).
   * Within 15 s of the previous ask, or while one is running, the cached or running result is used.
   * Undefined when no such account is served.
   */
  async refresh(key: string): Promise<AccountQuotaEntry | undefined> {
    const credential = this.find(key);
    if (!credential) return undefined;
    const endpoint = usageEndpointOf(credential);
    if (!endpoint) return this.entry(credential);
    const state = this.state(credential.id);
    if (!state.inflight && (state.fetchedAt === null || this.now() - state.fetchedAt >= refreshCooldownMs)) {
      state.fetchedAt = this.now();
      state.inflight = this.fetchInto(credential, endpoint, state).finally(() => (state.inflight = null));
    }
    if (state.inflight) await state.inflight;
    return this.entry(credential);
  }

  private async fetchInto(credential: Credential, endpoint: ProviderUsageEndpoint, state: AccountState): Promise<void> {
    let result: UsageFetchResult;
    try {
      const dispatcher = this.options.dispatcherFor(credential);
      result = await fetchAccountUsage(credential, endpoint, { url: resolveUsageUrl(credential, endpoint, this.endpoints), dispatcher, now: this.now, timeoutMs: usageTimeoutMs });
    } catch (error) {
      // e.g. an unusable proxy-url: its ProxyError message never repeats the URL (it may hold a password).
      result = { ok: false, message: error instanceof ProxyError ? error.message : 'The usage endpoint could not be asked.', status: null };
    }
    if (result.ok) {
      this.keep(credential.id, state, { ...result.reading, updatedAt: this.now() });
      state.error = null;
    } else {
      state.error = { message: result.message, status: result.status, at: this.now() };
    }
  }

  private store(id: string, reading: QuotaReading, now: number): void {
    this.keep(id, this.state(id), { ...reading, updatedAt: now });
  }

  private keep(id: string, state: AccountState, quota: AccountQuota): void {
    state.quota = quota;
    for (const listener of this.readingListeners) listener(id, quota);
  }

  /** Keeps what was known (windows, plan, credits) and puts the refused limit window in. */
  private storeLimit(id: string, reading: QuotaReading, now: number): void {
    const state = this.state(id);
    const previous = state.quota;
    const kept = previous ? previous.windows.filter((window) => window.id !== limitWindowId) : [];
    this.keep(id, state, { ...previous, source: reading.source, windows: [...kept, ...reading.windows], updatedAt: now });
  }

  private entry(credential: Credential): AccountQuotaEntry {
    const state = this.states.get(credential.id);
    const quota = state?.quota ? this.withoutPastLimit(state.quota) : null;
    return {
      id: credential.id,
      provider: credential.provider,
      label: credential.label,
      refreshable: usageEndpointOf(credential) !== undefined,
      unknown: providerQuotaOf(credential.provider)?.unknown ?? null,
      quota,
      forecasts: quota ? this.forecasts(credential.id, quota, true) : [],
      error: state?.error ?? null,
    };
  }

  /**
   * A forecast per window from the usage history's tokens around the reading (forecast-quota-window.ts); with
   * `withBurn` (answers for people, not routing's picks) also the window's use over time for the burn chart.
   */
  private forecasts(credentialId: string, quota: AccountQuota, withBurn = false): QuotaForecast[] {
    const now = this.now();
    return quota.windows.map((window) => {
      const lengthMs = windowLengthMs(window);
      const tokens = this.windowTokens(credentialId, window, lengthMs, quota.updatedAt, now);
      const forecast = forecastQuotaWindow({ window, lengthMs, tokens, recentMs: recentBurnMs, now });
      if (!withBurn || (forecast.state !== 'runs-out' && forecast.state !== 'lasts') || lengthMs === null || window.resetsAt === null || !tokens || tokens.beforeReading <= 0 || !window.usedPercent) return forecast;
      const burn = this.burn(credentialId, window.resetsAt - lengthMs, now, percentPerTokenOf(window.usedPercent, tokens.beforeReading));
      return burn.length > 0 ? { ...forecast, burn } : forecast;
    });
  }

  /** The tokens from the window's start to each sample time (burn-series.ts). */
  private burn(credentialId: string, windowStart: number, now: number, percentPerToken: number) {
    const tokensUsed = this.options.tokensUsed;
    if (!tokensUsed) return [];
    try {
      const samples = burnSampleTimes(windowStart, now).map((at) => ({ at, tokens: at > windowStart ? tokensUsed(credentialId, { from: windowStart, to: at }) : 0 }));
      return burnSeries(samples, percentPerToken);
    } catch {
      return []; // a closed or broken history file: no chart, never a failed quota answer
    }
  }

  /** The credential's tokens before the reading (from the window's start), since it, and in the last hour. */
  private windowTokens(credentialId: string, window: QuotaWindow, lengthMs: number | null, readingAt: number, now: number): WindowTokens | null {
    const tokensUsed = this.options.tokensUsed;
    if (!tokensUsed) return null;
    const count = (from: number, to: number) => (from < to ? tokensUsed(credentialId, { from, to }) : 0);
    const windowStart = lengthMs !== null && window.resetsAt !== null ? window.resetsAt - lengthMs : readingAt;
    try {
      return { beforeReading: count(windowStart, readingAt), sinceReading: count(readingAt, now), recent: count(now - recentBurnMs, now) };
    } catch {
      return null; // a closed or broken history file: no forecast, never a failed quota answer
    }
  }

  /** A refused 'limit' window from an error says nothing once its reset has passed. */
  private withoutPastLimit(quota: AccountQuota): AccountQuota {
    const now = this.now();
    const past = (window: QuotaWindow) => window.id === limitWindowId && window.resetsAt !== null && window.resetsAt <= now;
    return quota.windows.some(past) ? { ...quota, windows: quota.windows.filter((window) => !past(window)) } : quota;
  }

  private find(key: string): Credential | undefined {
    return this.options.credentials().find((credential) => credential.id === key || credential.id === `auth:${key}`);
  }

  private state(id: string): AccountState {
    let state = this.states.get(id);
    if (!state) {
      state = { quota: null, error: null, fetchedAt: null, inflight: null, routingForecasts: null };
      this.states.set(id, state);
    }
    return state;
  }
}
