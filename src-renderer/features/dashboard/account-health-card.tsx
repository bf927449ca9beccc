import { Users } from 'lucide-react';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { ForecastedAccountQuota } from '../../../src-shared/control/quota-forecast-types';
import { quotaStatusLine } from '../../../src-shared/quota-status-line';
import type { ControlFailure } from '../../control-client/control-client';
import { describeAccountStatus } from '../../ui/account-words';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { formatClock } from '../../ui/format';
import { ProviderMark } from '../../ui/provider-mark';
import { QuotaRing } from '../../ui/quota-ring';
import { StatusChip } from '../../ui/status-chip';

export interface AccountHealthCardProps {
  accounts: readonly AccountSummary[] | null;
  failure: ControlFailure | null;
  /** quota.get's cached answer with forecasts; empty while unknown. */
  quota: readonly ForecastedAccountQuota[];
}

/**
 * The forecast for the most constrained account (the tray's words: "Claude a@b.com: 5-hour limit at 14:32" /
 * "Quota fine"), then one row per account: provider mark, who it is, its tightest quota as a ring, and whether
 * it is serving.
 */
export function AccountHealthCard({ accounts, failure, quota }: AccountHealthCardProps) {
  const forecast = quotaStatusLine(quota, accounts ?? [], { maskEmails: false, formatTime: (at) => formatClock(at) });
  return (
    <Card title="Accounts" icon={Users} action={<a href="#/accounts">Manage accounts</a>}>
      {forecast !== null && (
        <p className={`health-forecast${forecast === 'Quota fine' ? '' : ' health-forecast-pressed'}`}>
          <span className="health-forecast-label">Quota forecast:</span> {forecast}
        </p>
      )}
      {failure !== null && (
        <p role="alert" className="message message-error">
          Could not list the accounts: {failure.message}
        </p>
      )}
      {accounts !== null && accounts.length === 0 && (
        <EmptyState title="No accounts yet">
          <p>
            Requests need an account to go to. <a href="#/accounts">Add an account</a> with a login or an API key.
          </p>
        </EmptyState>
      )}
      {accounts !== null && accounts.length > 0 && (
        <ul className="health-list" aria-label="Account health">
          {accounts.map((account) => {
            const words = describeAccountStatus(account);
            return (
              <li key={account.id} className="health-item">
                <ProviderMark account={account} />
                <span className="health-provider">{account.providerLabel}</span>
                <span className="health-label">{account.label}</span>
                <QuotaRing quota={quota.find((each) => each.accountId === account.id)} size={28} />
                <StatusChip tone={words.tone} label={words.label} title={words.detail} />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
