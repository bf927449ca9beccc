import type { AccountSummary } from './control/account-types';
import type { ForecastedAccountQuota } from './control/quota-forecast-types';

export interface QuotaStatusLineOptions {
  /** Show the provider only ("Claude: …"), never the email (the app's Mask emails setting). */
  maskEmails: boolean;
  /** Clock time for people, e.g. "14:32". */
  formatTime(ms: number): string;
}

interface Pressure {
  /** Lower is more pressing. */
  rank: number;
  /** Within a rank: earlier (or fuller) first. */
  order: number;
  accountId: string;
  text: string;
}

/**
 * One line for the tray and its popover about the most constrained account: "Claude a@b.com: 5-hour limit at
 * 14:32" (forecast to run out), "…: 5-hour limit used up until 16:00", "…: 5-hour at 85 %" (a provider's
 * warning without a forecast), else "Quota fine" when any quota is known; null when nothing is (no line).
 */
export function quotaStatusLine(quotas: readonly ForecastedAccountQuota[], accounts: readonly AccountSummary[], options: QuotaStatusLineOptions): string | null {
  const pressures = quotas.flatMap((quota) => pressuresOf(quota, options.formatTime));
  const top = pressures.sort((left, right) => left.rank - right.rank || left.order - right.order)[0];
  if (top) return `${accountName(top.accountId, accounts, options.maskEmails)}: ${top.text}`;
  return quotas.some((quota) => quota.windows.length > 0) ? 'Quota fine' : null;
}

function pressuresOf(quota: ForecastedAccountQuota, formatTime: (ms: number) => string): Pressure[] {
  const { accountId } = quota;
  return quota.windows.flatMap((window): Pressure[] => {
    const forecast = quota.forecasts.find((candidate) => candidate.windowId === window.id);
    const until = (resetsAt: number | null) => (resetsAt === null ? '' : ` until ${formatTime(resetsAt)}`);
    if (forecast?.state === 'exhausted' || window.status === 'rejected') {
      const resetsAt = forecast?.resetsAt ?? window.resetsAt;
      return [{ rank: 0, order: resetsAt ?? Number.MAX_SAFE_INTEGER, accountId, text: `${window.label} limit used up${until(resetsAt)}` }];
    }
    if (forecast?.state === 'runs-out' && forecast.runsOutAt !== null) return [{ rank: 1, order: forecast.runsOutAt, accountId, text: `${window.label} limit at ${formatTime(forecast.runsOutAt)}` }];
    if (window.status === 'warning' && window.usedPercent !== null) return [{ rank: 2, order: -window.usedPercent, accountId, text: `${window.label} at ${Math.round(window.usedPercent)} %` }];
    return [];
  });
}

/** "Claude a@b.com", or "Claude" when emails are masked; the id when the account is not listed (yet). */
function accountName(accountId: string, accounts: readonly AccountSummary[], maskEmails: boolean): string {
  const account = accounts.find((candidate) => candidate.id === accountId);
  if (!account) return accountId;
  return maskEmails ? account.providerLabel : `${account.providerLabel} ${account.label}`;
}
