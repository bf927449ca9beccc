import { useState } from 'react';
import type { ClientConnectionStatus, ClientPreview } from '../../../src-shared/control/client-types';
import type { ControlClient } from '../../control-client/control-client';
import { Card } from '../../ui/card';
import { RelativeTime } from '../../ui/relative-time';
import { StatusChip } from '../../ui/status-chip';
import { DiffList } from '../config/diff-list';
import { describeClientState } from './client-state-words';

export interface ClientConnectorCardProps {
  client: ControlClient;
  status: ClientConnectionStatus;
  onStatus(status: ClientConnectionStatus): void;
}

type Step = { kind: 'idle' } | { kind: 'working'; what: string } | { kind: 'previewing'; preview: ClientPreview };

/**
 * One-click Connect for a tool whose settings file we can edit safely: the change is shown first
 * (clients.preview, key masked), then made; Disconnect puts back exactly what was there.
 */
export function ClientConnectorCard({ client, status, onStatus }: ClientConnectorCardProps) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);
  const state = describeClientState(status);

  const preview = async () => {
    setFailure(null);
    setStep({ kind: 'working', what: 'Reading the settings file…' });
    const result = await client.invoke('clients.preview', { id: status.id });
    if (!result.ok) {
      setStep({ kind: 'idle' });
      setFailure(`Could not prepare the change: ${result.error.message} Nothing was changed.`);
      return;
    }
    setStep({ kind: 'previewing', preview: result.value });
  };

  const run = async (operation: 'clients.connect' | 'clients.disconnect') => {
    setFailure(null);
    setStep({ kind: 'working', what: operation === 'clients.connect' ? 'Connecting…' : 'Disconnecting…' });
    const result = await client.invoke(operation, { id: status.id });
    setStep({ kind: 'idle' });
    if (!result.ok) {
      setFailure(`${operation === 'clients.connect' ? 'Connect' : 'Disconnect'} failed: ${result.error.message} The settings file is as it was.`);
      return;
    }
    onStatus(result.value);
  };

  const working = step.kind === 'working';
  return (
    <Card title={status.label} className="connector" action={<StatusChip tone={state.tone} label={state.label} title={state.detail} />}>
      <p className="hint connector-path">
        Edits <code>{status.path}</code>: only the proxy's own keys, comments and every other setting stay.
        {status.connectedAt !== null && status.state !== 'not-connected' && (
          <>
            {' '}Connected <RelativeTime at={status.connectedAt} />.
          </>
        )}
      </p>
      <p className="connector-detail">{state.detail}</p>
      {step.kind === 'previewing' ? (
        <div className="connector-preview">
          <p>
            Connect will make this change to <code>{step.preview.path}</code> (the key is shown masked):
          </p>
          <DiffList diff={step.preview.diff} label={`Changes to ${status.label} settings`} />
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => void run('clients.connect')}>
              Connect {status.label}
            </button>
            <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          {status.state !== 'connected' && (
            <button type="button" className="button button-primary" disabled={working} onClick={() => void preview()}>
              {status.state === 'changed-since-connect' ? `Connect ${status.label} again…` : `Connect ${status.label}…`}
            </button>
          )}
          {status.canDisconnect && (
            <button type="button" className="button" disabled={working} onClick={() => void run('clients.disconnect')}>
              Disconnect {status.label}
            </button>
          )}
        </div>
      )}
      <p role="status" className="hint">
        {step.kind === 'working' ? step.what : ''}
      </p>
      {failure !== null && (
        <p role="alert" className="message message-error">
          {failure}
        </p>
      )}
    </Card>
  );
}
