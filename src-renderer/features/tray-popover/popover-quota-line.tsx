import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { ForecastedAccountQuota } from '../../../src-shared/control/quota-forecast-types';
import { quotaStatusLine } from '../../../src-shared/quota-status-line';
import { formatClock } from '../../ui/format';

/** The tray's quota line, the same words as its menu (src-shared/quota-status-line.ts); nothing while no quota is known. */
export function PopoverQuotaLine({ quotas, accounts }: { quotas: readonly ForecastedAccountQuota[]; accounts: readonly AccountSummary[] }) {
  const line = quotaStatusLine(quotas, accounts, { maskEmails: false, formatTime: (ms) => formatClock(ms) });
  if (line === null) return null;
  return (
    <p className={`popover-quota${line === 'Quota fine' ? '' : ' popover-quota-pressed'}`}>{line}</p>
  );
}
