import { useId, useState } from 'react';
import type { TunnelStatus, TunnelTestResult } from '../../../src-shared/control/tunnel-types';
import type { ControlClient } from '../../control-client/control-client';
import { useAccounts } from '../../control-client/use-accounts';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { CopyButton } from '../../ui/copy-button';
import { formatExactTime } from '../../ui/format';
import { PublicUrlForm, type PublicUrlStart } from './public-url-form';
import { cursorModelNames, describeTunnel } from './public-url-words';
import { useTunnelStatus } from './use-tunnel-status';

export interface PublicUrlCardProps {
  client: ControlClient;
}

/**
 * Cursor calls a custom OpenAI base URL from its own servers, which refuse private addresses: it needs
 * a public https address. This card starts one (a tunnel to the proxy's public-only listener), shows the
 * three things to enter in Cursor, and tests the address from here the way Cursor would call it.
 */
export function PublicUrlCard({ client }: PublicUrlCardProps) {
  const titleId = useId();
  const tunnel = useTunnelStatus(client);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = tunnel.value;

  const act = async (run: () => Promise<{ ok: true; value: TunnelStatus } | { ok: false; error: { message: string } }>) => {
    setFailure(null);
    setBusy(true);
    const result = await run();
    setBusy(false);
    if (!result.ok) setFailure(result.error.message);
    else tunnel.setValue(result.value);
  };

  const start = (input: PublicUrlStart) => void act(() => client.invoke('tunnel.start', input));
  const stop = () => void act(() => client.invoke('tunnel.stop', {}));
  const live = status?.state === 'running' || status?.state === 'restarting';
  const state = status ? describeTunnel(status) : null;
  return (
    <section className="card public-url" aria-labelledby={titleId}>
      <h3 id={titleId}>Cursor</h3>
      <p className="tool-guide-caution" role="note">
        Cursor sends requests from its own servers, so it cannot reach 127.0.0.1 or a LAN address. Give it a public URL: it serves only the
        model routes, accepts only its own key, and stops by itself when unused.
      </p>
      {tunnel.failure !== null && <p role="alert" className="message message-error">Could not read the public URL's state: {tunnel.failure.message}</p>}
      {state !== null && (
        <p role="status" aria-label="Public URL state" className={`tunnel-state tunnel-${state.tone}`}>
          {state.words}
        </p>
      )}
      {status !== null && !live && <PublicUrlForm initialMode={status.mode} busy={busy || status.state === 'downloading' || status.state === 'starting'} onStart={start} />}
      {status !== null && live && <CursorSettings client={client} status={status} onStatus={tunnel.setValue} onStop={stop} busy={busy} />}
      {failure !== null && (
        <p role="alert" className="message message-error">
          {failure}
        </p>
      )}
    </section>
  );
}

interface CursorSettingsProps {
  client: ControlClient;
  status: TunnelStatus;
  busy: boolean;
  onStatus(status: TunnelStatus): void;
  onStop(): void;
}

/** The three Cursor settings (key, base URL, models), Test, Stop and Revoke, while the URL is public. */
function CursorSettings({ client, status, busy, onStatus, onStop }: CursorSettingsProps) {
  const accounts = useAccounts(client);
  const models = cursorModelNames(accounts.value ?? []);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [revokeFailure, setRevokeFailure] = useState<string | null>(null);
  const revealKey = async (): Promise<string> => {
    const result = await client.invoke('tunnel.revealKey', {});
    if (!result.ok) throw new Error(result.error.message);
    if (result.value.key === null) throw new Error('There is no public key; start the public URL again.');
    return result.value.key;
  };
  const revoke = async () => {
    setConfirmRevoke(false);
    const result = await client.invoke('tunnel.revokeKey', {});
    if (result.ok) onStatus(result.value);
    else setRevokeFailure(`Revoke failed: ${result.error.message}`);
  };
  return (
    <>
      <p className="message message-warning">The proxy is public: anyone with the key below can use your accounts through {status.publicUrl}.</p>
      <ol className="cursor-steps" aria-label="Cursor settings">
        <li>
          Cursor Settings → Models → API Keys: turn on "OpenAI API Key" and paste <code aria-label="Public key">{status.keyMasked ?? '(no key)'}</code>{' '}
          <CopyButton label="Copy public key" value={revealKey} />
          {status.keyExpiresAt !== null && <span className="hint"> Expires {formatExactTime(status.keyExpiresAt)}.</span>}
        </li>
        <li>
          Turn on "Override OpenAI Base URL" and enter <code aria-label="Cursor base URL">{status.openaiBaseUrl}</code> <CopyButton label="Copy Cursor base URL" value={status.openaiBaseUrl ?? ''} />
        </li>
        <li>
          "+ Add model" for each name you want to use, and turn it on:
          {models.length === 0 ? (
            <span className="hint"> no models yet: add an account first.</span>
          ) : (
            <ul aria-label="Models to add in Cursor" className="cursor-models">
              {models.map((model) => (
                <li key={model}>
                  <code>{model}</code>
                </li>
              ))}
            </ul>
          )}
        </li>
      </ol>
      <PublicUrlTest client={client} models={models} />
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onStop}>
          Stop public URL
        </button>
        <button type="button" className="button button-danger" onClick={() => setConfirmRevoke(true)}>
          Revoke key…
        </button>
      </div>
      {revokeFailure !== null && <p role="alert" className="message message-error">{revokeFailure}</p>}
      <ConfirmDialog open={confirmRevoke} title="Revoke the public key?" confirmLabel="Revoke key" onConfirm={() => void revoke()} onCancel={() => setConfirmRevoke(false)}>
        The current key stops working at once and a new one replaces it; paste the new key into Cursor.
      </ConfirmDialog>
    </>
  );
}

/** Calls the public URL from the app, through the tunnel, as Cursor's servers would. */
function PublicUrlTest({ client, models }: { client: ControlClient; models: string[] }) {
  const [model, setModel] = useState('');
  const [result, setResult] = useState<TunnelTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const chosen = model || models[0] || '';
  const test = async () => {
    setTesting(true);
    setResult(null);
    const answer = await client.invoke('tunnel.test', chosen ? { model: chosen } : {});
    setTesting(false);
    setResult(answer.ok ? answer.value : { ok: false, status: null, answer: null, error: answer.error.message, latencyMs: 0 });
  };
  return (
    <div className="public-url-test">
      {models.length > 0 && (
        <label>
          Test model{' '}
          <select value={chosen} onChange={(event) => setModel(event.target.value)}>
            {models.map((each) => (
              <option key={each}>{each}</option>
            ))}
          </select>
        </label>
      )}{' '}
      <button type="button" className="button" disabled={testing} onClick={() => void test()}>
        Test
      </button>
      <p role="status" aria-label="Test result" className={result === null ? 'hint' : result.ok ? 'message message-ok' : 'message message-error'}>
        {testing ? 'Calling the public URL…' : result === null ? '' : result.ok ? `Answered in ${result.latencyMs} ms: ${result.answer ?? ''}` : `Failed${result.status === null ? '' : ` (HTTP ${result.status})`}: ${result.error ?? ''}`}
      </p>
    </div>
  );
}
