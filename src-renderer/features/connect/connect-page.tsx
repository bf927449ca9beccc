import { useId } from 'react';
import type { PageProps } from '../../app/page-props';
import { useControlEvent } from '../../control-client/use-control-event';
import { useControlQuery } from '../../control-client/use-control-query';
import { ConnectionCard } from '../dashboard/connection-card';
import { ClientConnectorCard } from './client-connector-card';
import { PublicUrlCard } from './public-url-card';
import { ToolGuideCard } from './tool-guide-card';
import { anyKey, toolGuides } from './tool-guides';
import './connect.css';
import { PageHeader } from '../../ui/page-header';

/**
 * Connect a tool: the URLs and key, one-click Connect / Disconnect for the tools whose settings file we
 * can edit reversibly (Claude Code, Codex CLI), and the exact manual setting for every other tool.
 */
export function ConnectPage({ client }: PageProps) {
  const titleId = useId();
  const oneClickId = useId();
  const manualId = useId();
  const publicId = useId();
  const connection = useControlQuery(client, 'connection.get', {});
  const clients = useControlQuery(client, 'clients.list', {});
  // A new port or key changes the URLs and whether a file still points here.
  useControlEvent(client, 'status.changed', connection.reload);
  useControlEvent(client, 'status.changed', clients.reload);
  useControlEvent(client, 'config.changed', clients.reload);
  const info = connection.value;

  const revealKey = async (): Promise<string> => {
    if (info?.apiKeyMasked === null) return anyKey;
    const result = await client.invoke('connection.revealApiKey', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value.apiKey ?? anyKey;
  };

  return (
    <section className="page connect-page" aria-labelledby={titleId}>
      <PageHeader titleId={titleId} title="Connect" description="Point your tools at the proxy" />
      <p className="hint connect-intro">
        Point a tool at this proxy. The tool must run on this computer (or on your network, with LAN access on in Config);
        Cursor, which calls from its own servers, needs the public URL below.
      </p>
      <ConnectionCard client={client} />

      <section aria-labelledby={oneClickId}>
        <h2 id={oneClickId} className="connect-section-title">
          One-click connect
        </h2>
        {clients.failure !== null && (
          <p role="alert" className="message message-error">
            Could not check the tools' settings files: {clients.failure.message} Set them up by hand below.
          </p>
        )}
        <div className="connector-grid">
          {(clients.value ?? []).map((status) => (
            <ClientConnectorCard
              key={status.id}
              client={client}
              status={status}
              onStatus={(next) => clients.setValue((clients.value ?? []).map((each) => (each.id === next.id ? next : each)))}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby={publicId}>
        <h2 id={publicId} className="connect-section-title">
          Public URL
        </h2>
        <PublicUrlCard client={client} />
      </section>

      <section aria-labelledby={manualId}>
        <h2 id={manualId} className="connect-section-title">
          Set up by hand
        </h2>
        {info === null ? (
          <p className="hint">{connection.failure === null ? 'Loading the addresses…' : 'The setups appear once the connection settings load.'}</p>
        ) : (
          toolGuides(info).map((guide) => <ToolGuideCard key={guide.id} guide={guide} shownKey={info.apiKeyMasked ?? anyKey} revealKey={revealKey} />)
        )}
      </section>
    </section>
  );
}
