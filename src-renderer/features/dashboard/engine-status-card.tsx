import { TriangleAlert } from 'lucide-react';
import type { ControlClient } from '../../control-client/control-client';
import { describeEngineStatus } from './describe-engine-status';
import type { EngineStatusState } from './use-engine-status';

export interface EngineStatusCardProps {
  client: ControlClient;
  engine: EngineStatusState;
  /** Why a running proxy still needs the user (attention-reason.ts), or null. */
  attention: string | null;
}

/** The headline: Running / Stopped / Error in words, and "Needs attention" with the reason. */
export function EngineStatusCard({ client, engine, attention }: EngineStatusCardProps) {
  const { status, failure } = engine;
  const words = status === null ? null : describeEngineStatus(status);
  const running = status?.state === 'running';
  const tone = attention !== null ? 'busy' : (words?.tone ?? (failure === null ? 'busy' : 'error'));

  return (
    <>
      <div className={`card status-card status-card-${tone}`}>
        <p role="status" aria-live="polite" className={`status status-${tone}`}>
          <span className="status-dot" aria-hidden="true" />
          <strong>{words?.headline ?? (failure === null ? 'Connecting…' : 'Not connected')}</strong>
          {words?.detail != null && <span className="status-detail"> {words.detail}</span>}
        </p>
        {attention !== null && (
          <p className="status-attention">
            <TriangleAlert aria-hidden="true" size={16} />
            <strong>Needs attention:</strong> {attention}
          </p>
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
