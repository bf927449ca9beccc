import type { ControlClient } from '../../control-client/control-client';
import { describeEngineStatus } from './describe-engine-status';
import { useEngineStatus } from './use-engine-status';

/** State in words and Start/Stop where the transport can offer it. */
export function EngineStatusCard({ client }: { client: ControlClient }) {
  const { status, failure, busy, start, stop } = useEngineStatus(client);
  const words = status === null ? null : describeEngineStatus(status);
  const running = status?.state === 'running';
  const canToggle = running ? client.capabilities.canStop : client.capabilities.canStart;
  const transitioning = status?.state === 'starting' || status?.state === 'stopping';

  return (
    <>
      <div className="card status-card">
        <p role="status" aria-live="polite" className={`status status-${words?.tone ?? (failure === null ? 'busy' : 'error')}`}>
          <span className="status-dot" aria-hidden="true" />
          <strong>{words?.headline ?? (failure === null ? 'Connecting…' : 'Not connected')}</strong>
          {words?.detail != null && <span className="status-detail"> {words.detail}</span>}
        </p>
        {status !== null && canToggle && (
          <button
            type="button"
            className={running ? 'button' : 'button button-primary'}
            onClick={running ? stop : start}
            disabled={busy || transitioning}
          >
            {running ? 'Stop proxy' : 'Start proxy'}
          </button>
        )}
        {running && !client.capabilities.canStop && (
          <p className="hint">To stop the proxy, use the desktop app's tray menu or press Ctrl+C where it runs.</p>
        )}
      </div>
      {failure !== null && failure.code !== 'UNAUTHORIZED' && (
        <p role="alert" className="message message-error">
          {failure.message}
        </p>
      )}
    </>
  );
}
