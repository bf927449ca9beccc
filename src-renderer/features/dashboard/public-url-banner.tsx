import type { ControlClient } from '../../control-client/control-client';
import { formatClock } from '../../ui/format';
import { useTunnelStatus } from '../connect/use-tunnel-status';

/** Said on the dashboard whenever the proxy is reachable from the internet (the public URL for Cursor). */
export function PublicUrlBanner({ client }: { client: ControlClient }) {
  const status = useTunnelStatus(client).value;
  if (status === null || (status.state !== 'running' && status.state !== 'restarting')) return null;
  const stopStep = async () => {
    await client.invoke('tunnel.stop', {});
  };
  return (
    <section className="card message-warning public-url-banner" role="status" aria-label="Public URL">
      <strong>The proxy is public</strong> at {status.publicUrl ?? '(reconnecting)'}: anyone with its key can use your accounts.
      {status.idleStopAt !== null && <> It stops at {formatClock(status.idleStopAt)} if unused.</>}{' '}
      <button type="button" className="button" onClick={() => void stopStep()}>
        Stop public URL
      </button>
    </section>
  );
}
