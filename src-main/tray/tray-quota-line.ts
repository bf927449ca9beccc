import type { ControlApi } from '../../src-shared/control-contract';
import type { AccountSummary } from '../../src-shared/control/account-types';
import type { ForecastedAccountQuota } from '../../src-shared/control/quota-forecast-types';
import { quotaStatusLine } from '../../src-shared/quota-status-line';

/** A forecast is a time: re-read this often while idle. */
export const trayQuotaRefreshMs = 60_000;
/** Under load: at most one re-read this often (each request may bring new quota headers). */
export const trayQuotaAfterRequestMs = 10_000;

export interface TrayQuotaLineOptions {
  control: Pick<ControlApi, 'invoke'>;
  maskEmails(): boolean;
  /** The line may have changed: the tray redraws (coalesced). */
  onChange(): void;
  formatTime?: (ms: number) => string;
}

/**
 * The tray's quota line: `quota.get` and `accounts.list` read at start, after requests (the engine reads quota
 * from answers; at most once per 10 s, the last request of a burst included) and every minute (a forecast is a
 * time), turned into words by src-shared/quota-status-line.ts.
 */
export class TrayQuotaLine {
  private quotas: ForecastedAccountQuota[] = [];
  private accounts: AccountSummary[] = [];
  private lastRead = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | null = null;
  private pending: NodeJS.Timeout | null = null;

  constructor(private readonly options: TrayQuotaLineOptions) {}

  value(): string | null {
    return quotaStatusLine(this.quotas, this.accounts, { maskEmails: this.options.maskEmails(), formatTime: this.options.formatTime ?? localTime });
  }

  /** Re-reads now (start, accounts changed, the minute timer). */
  refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  /** After a request: re-read, or once the 10 s since the last read have passed (a burst is one read). */
  requestFinished(): void {
    if (this.pending !== null) return;
    const wait = Math.max(0, this.lastRead + trayQuotaAfterRequestMs - Date.now());
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.refresh();
    }, wait);
    this.pending.unref();
  }

  private async read(): Promise<void> {
    this.lastRead = Date.now();
    try {
      const [quotas, accounts] = await Promise.all([this.options.control.invoke('quota.get', {}), this.options.control.invoke('accounts.list', {})]);
      this.quotas = quotas;
      this.accounts = accounts;
      this.options.onChange();
    } catch {
      // The engine is stopping or restarting: keep the last line; the next read tries again.
    }
  }
}

function localTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
