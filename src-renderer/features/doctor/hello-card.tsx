import { useId, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { DoctorHello } from '../../../src-shared/control/doctor-types';
import type { ControlClient } from '../../control-client/control-client';
import { useAccounts } from '../../control-client/use-accounts';
import { ProviderMark } from '../../ui/provider-mark';
import { StatusChip } from '../../ui/status-chip';
import { describeHello } from './hello-words';

type HelloState = { state: 'running' } | { state: 'done'; hello: DoctorHello } | { state: 'failed'; message: string };

/**
 * The doctor's per-account hello (docs/doctor.md#hello): a button per account sends one tiny completion through
 * it, only when pressed, and shows the latency or the provider's exact error.
 */
export function HelloCard({ client }: { client: ControlClient }) {
  const titleId = useId();
  const accounts = useAccounts(client);
  const [results, setResults] = useState<Readonly<Record<string, HelloState>>>({});
  const sayHello = (account: AccountSummary): void => {
    setResults((current) => ({ ...current, [account.id]: { state: 'running' } }));
    void client.invoke('doctor.hello', { account: account.id }).then((result) => {
      const next: HelloState = !result.ok ? { state: 'failed', message: result.error.message } : result.value[0] ? { state: 'done', hello: result.value[0] } : { state: 'failed', message: 'No answer.' };
      setResults((current) => ({ ...current, [account.id]: next }));
    });
  };
  const list = accounts.value ?? [];
  return (
    <section className="card doctor-hello" aria-labelledby={titleId}>
      <h2 id={titleId}>Hello through each account</h2>
      <p className="hint">Sends one tiny request (&quot;Hi&quot;, 1 output token, the cheapest model) through that account, only when you press it.</p>
      {list.length === 0 ? (
        <p>No accounts yet.</p>
      ) : (
        <ul className="doctor-hello-list">
          {list.map((account) => (
            <HelloRow key={account.id} account={account} result={results[account.id]} onHello={() => sayHello(account)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HelloRow({ account, result, onHello }: { account: AccountSummary; result: HelloState | undefined; onHello(): void }) {
  const running = result?.state === 'running';
  const words = result?.state === 'done' ? describeHello(result.hello) : null;
  return (
    <li className="doctor-hello-row">
      <ProviderMark account={account} />
      <span className="doctor-hello-name">
        <strong>{account.label}</strong> <span className="hint">{account.providerLabel}</span>
      </span>
      <button type="button" className="button" disabled={running || account.disabled} onClick={onHello} aria-label={`Say hello through ${account.label}`}>
        {running ? 'Sending…' : 'Say hello'}
      </button>
      <span className="doctor-hello-result" aria-live="polite">
        {words !== null && (
          <>
            <StatusChip tone={words.tone} label={words.label} /> <span>{words.sentence}</span>
          </>
        )}
        {result?.state === 'failed' && <span className="message-error">{result.message}</span>}
      </span>
    </li>
  );
}
