import { useEffect, useId, useState } from 'react';
import type { PageProps } from '../../app/page-props';
import { useAccounts } from '../../control-client/use-accounts';
import { useQuota } from '../../control-client/use-quota';
import { EmptyState } from '../../ui/empty-state';
import { AccountCard } from './account-card';
import { LoginProgress } from './login-progress';
import { useLogin } from './use-login';
import './accounts.css';
import { PageHeader } from '../../ui/page-header';

/** Add accounts by logging in, and look after the ones there are. */
export function AccountsPage({ client }: PageProps) {
  const titleId = useId();
  const addId = useId();
  const listId = useId();
  const accounts = useAccounts(client);
  const quota = useQuota(client);
  const login = useLogin(client);
  const [maskEmails, setMaskEmails] = useState(false);
  // The desktop app remembers "Mask emails" (Settings); the page toggle starts from it.
  useEffect(() => {
    if (!client.capabilities.appSettings) return;
    void client.invoke('settings.get', {}).then((result) => {
      if (result.ok) setMaskEmails(result.value.maskEmails);
    });
  }, [client]);
  const loginBusy = login.flow.step === 'starting' || login.flow.step === 'waiting';

  return (
    <section className="page" aria-labelledby={titleId}>
      <PageHeader titleId={titleId} title="Accounts" description="Logins and API keys that answer your requests" />

      <section className="card" aria-labelledby={addId}>
        <h2 id={addId}>Add an account</h2>
        <div className="login-buttons">
          {login.offers.map(({ provider, label }) => (
            <button
              key={provider}
              type="button"
              className="button login-button"
              disabled={loginBusy}
              onClick={() => login.start(provider)}
            >
              Login with {label}
            </button>
          ))}
        </div>
        <p className="hint">
          Your browser opens the provider's page; approve there and the account appears below. API keys go into
          config.yaml on the Config page.
        </p>
      </section>

      <LoginProgress login={login} />

      <section aria-labelledby={listId}>
        <div className="card-header">
          <h2 id={listId}>Your accounts</h2>
          <label className="toggle">
            <input type="checkbox" checked={maskEmails} onChange={(event) => setMaskEmails(event.target.checked)} />
            Hide emails
          </label>
        </div>
        {accounts.failure !== null && (
          <p role="alert" className="message message-error">
            Could not list the accounts: {accounts.failure.message}
          </p>
        )}
        {quota.failure !== null && accounts.value !== null && accounts.value.length > 0 && (
          <p className="hint">Quota bars appear once the proxy reports quota ({quota.failure.message})</p>
        )}
        {accounts.value !== null && accounts.value.length === 0 && (
          <div className="card">
            <EmptyState title="No accounts yet">
              <p>Choose a "Login with" button above. Each login you finish becomes an account the proxy can use.</p>
            </EmptyState>
          </div>
        )}
        {accounts.value !== null && accounts.value.length > 0 && (
          <ul className="account-list" aria-labelledby={listId}>
            {accounts.value.map((account) => (
              <AccountCard
                key={account.id}
                client={client}
                account={account}
                quota={quota.value?.find((each) => each.accountId === account.id) ?? null}
                maskEmails={maskEmails}
                login={login}
                onChanged={accounts.setValue}
              />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
