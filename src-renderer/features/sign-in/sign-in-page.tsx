import { useId, useState, type FormEvent } from 'react';
import type { ControlClient } from '../../control-client/control-client';
import type { ManagementKeyStore } from '../../control-client/management-key-store';

export interface SignInPageProps {
  client: ControlClient;
  keyStore: ManagementKeyStore;
  /** Why the user is here again (e.g. the key stopped working). */
  notice: string | null;
  onSignedIn(): void;
}

/** Browser panel only: asks for remote-management.secret-key and checks it with status.get. */
export function SignInPage({ client, keyStore, notice, onSignedIn }: SignInPageProps) {
  const inputId = useId();
  const hintId = useId();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(notice);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === '') {
      setError('Enter the management key.');
      return;
    }
    setChecking(true);
    keyStore.set(trimmed);
    const result = await client.invoke('status.get', {});
    setChecking(false);
    if (result.ok) {
      onSignedIn();
      return;
    }
    keyStore.clear();
    setError(result.error.message);
  };

  return (
    <section className="page sign-in" aria-labelledby={`${inputId}-title`}>
      <h1 id={`${inputId}-title`}>Sign in</h1>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={inputId}>Management key</label>
        <input
          id={inputId}
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-describedby={hintId}
          aria-invalid={error !== null}
          required
        />
        <p id={hintId} className="hint">
          The value of <code>remote-management.secret-key</code> in the proxy's config.yaml. It is kept only
          for this browser tab.
        </p>
        {error !== null && (
          <p role="alert" className="message message-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={checking}>
            {checking ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}
