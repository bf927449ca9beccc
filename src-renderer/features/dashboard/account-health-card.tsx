import { useId } from 'react';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { ControlFailure } from '../../control-client/control-client';
import { describeAccountStatus } from '../../ui/account-words';
import { EmptyState } from '../../ui/empty-state';
import { StatusChip } from '../../ui/status-chip';

export interface AccountHealthCardProps {
  accounts: readonly AccountSummary[] | null;
  failure: ControlFailure | null;
}

/** One chip per account: who it is and whether it is serving. */
export function AccountHealthCard({ accounts, failure }: AccountHealthCardProps) {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-header">
        <h2 id={titleId}>Accounts</h2>
        <a href="#/accounts">Manage accounts</a>
      </div>
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
                <span className="health-provider">{account.providerLabel}</span>
                <span className="health-label">{account.label}</span>
                <StatusChip tone={words.tone} label={words.label} title={words.detail} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
