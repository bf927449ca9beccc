import { Play, Square } from 'lucide-react';
import type { ControlClient } from '../../control-client/control-client';
import type { EngineStatusState } from './use-engine-status';

/** Start proxy / Stop proxy, where the transport can offer it (HTTP cannot Stop the server it talks to). */
export function ProxyToggle({ client, engine }: { client: ControlClient; engine: EngineStatusState }) {
  const { status, busy, start, stop } = engine;
  if (status === null) return null;
  const running = status.state === 'running';
  const canToggle = running ? client.capabilities.canStop : client.capabilities.canStart;
  if (!canToggle) return null;
  const transitioning = status.state === 'starting' || status.state === 'stopping';
  const Icon = running ? Square : Play;
  return (
    <button
      type="button"
      className={running ? 'button button-with-icon' : 'button button-primary button-with-icon'}
      onClick={running ? stop : start}
      disabled={busy || transitioning}
    >
      <Icon aria-hidden="true" size={16} />
      {running ? 'Stop proxy' : 'Start proxy'}
    </button>
  );
}
