import { useId, useState, type FormEvent } from 'react';
import { CopyButton } from '../../ui/copy-button';
import { loginLabel } from './login-flow';
import type { Login } from './use-login';

/** The running login, step by step, with the fallbacks when the browser cannot reach the app. */
export function LoginProgress({ login }: { login: Login }) {
  const { flow } = login;
  const titleId = useId();
  if (flow.step === 'idle') return null;
  const name = loginLabel(login.offers, flow.provider);

  return (
    <section className="card login-progress" aria-labelledby={titleId}>
      <h2 id={titleId}>Login with {name}</h2>
      {flow.step === 'starting' && (
        <p role="status" className="status status-busy">
          <span className="status-dot" aria-hidden="true" />
          Opening the {name} login…
        </p>
      )}
      {flow.step === 'waiting' && (
        <>
          <p role="status" className="status status-busy">
            <span className="status-dot" aria-hidden="true" />
            Waiting for you to approve in the browser…
          </p>
          <ol className="login-steps">
            <li>
              <a href={flow.start.url} target="_blank" rel="noopener noreferrer">
                Open the {name} login page
              </a>{' '}
              <CopyButton value={flow.start.url} label="Copy login URL" />
            </li>
            {flow.start.userCode !== null && (
              <li>
                Confirm this code on that page: <code className="user-code">{flow.start.userCode}</code>{' '}
                <CopyButton value={flow.start.userCode} label="Copy code" />
              </li>
            )}
            <li>Approve; this page notices by itself and adds the account.</li>
          </ol>
          {flow.start.userCode === null && (
            <CallbackForm checking={flow.checkingCallback} error={flow.callbackError} onSubmit={login.submitCallback} />
          )}
          <div className="actions">
            <button type="button" className="button" onClick={login.cancel}>
              Cancel login
            </button>
          </div>
        </>
      )}
      {flow.step === 'done' && (
        <>
          <p role="status" className="status status-ok">
            <span className="status-dot" aria-hidden="true" />
            Logged in as {flow.email}. The account is ready to serve requests.
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={login.close}>
              Done
            </button>
          </div>
        </>
      )}
      {flow.step === 'failed' && (
        <>
          <p role="alert" className="message message-error">
            The {name} login failed: {flow.why}
          </p>
          <p className="hint">
            Try again. If the browser could not get back to this app, use "Paste the callback URL" during the login. If{' '}
            {name} cannot be reached at all, check the proxy-url setting on the Config page.
          </p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => login.start(flow.provider)}>
              Try again
            </button>
            <button type="button" className="button" onClick={login.close}>
              Close
            </button>
          </div>
        </>
      )}
    </section>
  );
}

interface CallbackFormProps {
  checking: boolean;
  error: string | null;
  onSubmit(redirectUrl: string): void;
}

/** "Paste callback URL": for a browser on another machine, or a callback port that is blocked. */
function CallbackForm({ checking, error, onSubmit }: CallbackFormProps) {
  const inputId = useId();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (value.trim() !== '') onSubmit(value.trim());
  };
  return (
    <details className="callback-form">
      <summary>Browser ended on an error page? Paste the callback URL</summary>
      <form className="form" onSubmit={submit} noValidate>
        <label htmlFor={inputId}>Callback URL</label>
        <input
          id={inputId}
          type="url"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="http://localhost:54545/callback?code=…"
          aria-invalid={error !== null}
        />
        <p className="hint">Copy the full address from the browser's address bar after approving.</p>
        {error !== null && (
          <p role="alert" className="message message-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={checking || value.trim() === ''}>
            {checking ? 'Checking…' : 'Submit callback URL'}
          </button>
        </div>
      </form>
    </details>
  );
}
