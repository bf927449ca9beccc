import { useId, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { ForecastedAccountQuota } from '../../../src-shared/control/quota-forecast-types';
import type { ControlClient } from '../../control-client/control-client';
import { describeAccountStatus } from '../../ui/account-words';
import { ProviderMark } from '../../ui/provider-mark';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { RelativeTime } from '../../ui/relative-time';
import { StatusChip } from '../../ui/status-chip';
import { useToast } from '../../ui/toast';
import { maskEmail } from './mask-email';
import { LoginWarning } from './login-warning';
import { BurnCharts } from './burn-charts';
import { QuotaBars } from './quota-bars';
import { QuotaForecast } from './quota-forecast';
import type { Login } from './use-login';

export interface AccountCardProps {
  client: ControlClient;
  account: AccountSummary;
  quota: ForecastedAccountQuota | null;
  maskEmails: boolean;
  login: Login;
  /** The list after a change the engine answered with. */
  onChanged(accounts: AccountSummary[]): void;
}

/** One account: who, status, token expiry, quota; enable/disable, re-login, delete (confirmed). */
export function AccountCard({ client, account, quota, maskEmails, login, onChanged }: AccountCardProps) {
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const toast = useToast();
  const words = describeAccountStatus(account);
  const name = maskEmails ? maskEmail(account.label) : account.label;
  const { renewWith } = account;

  const run = (action: Promise<{ ok: true; value: AccountSummary[] } | { ok: false; error: { message: string } }>, what: string, done?: string): void => {
    setBusy(true);
    setFailure(null);
    void action.then((result) => {
      setBusy(false);
      if (!result.ok) {
        setFailure(`Could not ${what}: ${result.error.message}`);
        return;
      }
      onChanged(result.value);
      if (done !== undefined) toast(done);
    });
  };
  const setDisabled = (disabled: boolean): void =>
    run(client.invoke('accounts.setDisabled', { id: account.id, disabled }), disabled ? 'disable the account' : 'enable the account');
  const remove = (): void => {
    setConfirming(false);
    // The card goes with the account: the confirmation is a toast.
    run(client.invoke('accounts.delete', { id: account.id }), 'delete the account', `Deleted ${name}.`);
  };

  return (
    <li className="account-card card" aria-labelledby={titleId}>
      <div className="account-head">
        <ProviderMark account={account} />
        <span className="account-provider">{account.providerLabel}</span>
        <h3 id={titleId} className="account-name">
          {name}
        </h3>
        <StatusChip tone={words.tone} label={words.label} title={words.detail} />
      </div>
      <p className="account-facts">
        {/* Cooling: the chip says until when; the engine's sentence is on its hover. */}
        {words.detail !== null && (account.status === 'error' || account.status === 'needs-relogin') && <span>{words.detail}</span>}
        {account.expiresAt !== null && (
          <span>
            Token {account.expiresAt > Date.now() ? 'expires' : 'expired'} <RelativeTime at={account.expiresAt} />
            {/* Not for a login that cannot renew itself: its warning below says when it ends. */}
            {account.status === 'active' && account.loginWarning !== 'expires-soon' && ' (renewed automatically)'}
          </span>
        )}
        <span>{account.models.length === 1 ? '1 model' : `${account.models.length} models`}</span>
      </p>
      {quota !== null && quota.windows.length > 0 && <QuotaBars quota={quota} />}
      {quota !== null && <BurnCharts quota={quota} />}
      {quota !== null && <QuotaForecast quota={quota} />}
      <LoginWarning account={account} name={name} onRelogin={renewWith === null ? null : () => login.start(renewWith)} />
      {failure !== null && (
        <p role="alert" className="message message-error">
          {failure}
        </p>
      )}
      {account.kind === 'oauth' ? (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => setDisabled(!account.disabled)} aria-label={`${account.disabled ? 'Enable' : 'Disable'} ${name}`}>
            {account.disabled ? 'Enable' : 'Disable'}
          </button>
          {renewWith !== null && account.status === 'needs-relogin' && (
            <button type="button" className="button button-primary" onClick={() => login.start(renewWith)} aria-label={`Log in again as ${name}`}>
              Log in again
            </button>
          )}
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
            Delete
          </button>
          <ConfirmDialog
            open={confirming}
            title={`Delete ${name}?`}
            confirmLabel="Delete account"
            onConfirm={remove}
            onCancel={() => setConfirming(false)}
          >
            <p>
              Its login file is removed and requests stop going to it. To pause it instead, choose Disable. You can log in
              again at any time.
            </p>
          </ConfirmDialog>
        </div>
      ) : (
        <p className="hint">An API key from config.yaml: change or remove it on the Config page.</p>
      )}
    </li>
  );
}
