import type { ForecastedAccountQuota } from '../../../src-shared/control/quota-forecast-types';
import type { AccountQuotaEntry } from '../../quota/quota-types';
import { accountIdOf } from '../../routing/account-id-of';

/**
 * The quota service's entries as the UI's account quota list, keyed like the account list: the auth file
 * name for logins (one entry per file, also for a Gemini project list), the credential id for API keys.
 */
export function toAccountQuotas(entries: readonly AccountQuotaEntry[]): ForecastedAccountQuota[] {
  const byAccount = new Map<string, ForecastedAccountQuota>();
  for (const entry of entries) {
    const accountId = accountIdOf(entry.id);
    if (byAccount.has(accountId)) continue;
    byAccount.set(accountId, {
      accountId,
      windows: (entry.quota?.windows ?? []).map(({ id, label, usedPercent, resetsAt, status }) => ({ id, label, usedPercent, resetsAt, status })),
      updatedAt: entry.quota?.updatedAt ?? null,
      error: entry.error?.message ?? null,
      forecasts: entry.forecasts,
      unknown: entry.unknown,
    });
  }
  return [...byAccount.values()];
}
