import { useId } from 'react';
import type { ControlClient } from '../../control-client/control-client';
import { useControlEvent } from '../../control-client/use-control-event';
import { useControlQuery } from '../../control-client/use-control-query';
import { CopyButton } from '../../ui/copy-button';

/** Base URLs for OpenAI / Anthropic / Gemini clients and the API key (masked; revealed only to copy it). */
export function ConnectionCard({ client }: { client: ControlClient }) {
  const titleId = useId();
  const connection = useControlQuery(client, 'connection.get', {});
  // A new port or a restart changes the URLs.
  useControlEvent(client, 'status.changed', connection.reload);
  const info = connection.value;

  const revealKey = async (): Promise<string> => {
    const result = await client.invoke('connection.revealApiKey', {});
    if (!result.ok) throw new Error(result.error.message);
    if (result.value.apiKey === null) throw new Error('no API key is set in config.yaml.');
    return result.value.apiKey;
  };

  const urls = info === null ? [] : [
    { name: 'OpenAI', hint: 'Cursor, Codex CLI, OpenAI SDKs', url: info.openaiBaseUrl },
    { name: 'Anthropic', hint: 'Claude Code, Anthropic SDKs', url: info.anthropicBaseUrl },
    { name: 'Gemini', hint: 'Gemini CLI, Google GenAI SDKs', url: info.geminiBaseUrl },
  ];

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Connect a tool</h2>
      {connection.failure !== null && (
        <p role="alert" className="message message-error">
          Could not read the connection settings: {connection.failure.message}
        </p>
      )}
      {info !== null && (
        <table className="connection-table">
          <tbody>
            {urls.map((each) => (
              <tr key={each.name}>
                <th scope="row">
                  {each.name}
                  <span className="connection-hint">{each.hint}</span>
                </th>
                <td>
                  <div className="copy-row">
                    <code className="copy-value" aria-label={`${each.name} base URL`}>
                      {each.url}
                    </code>
                    <CopyButton value={each.url} label={`Copy ${each.name} URL`} />
                  </div>
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">API key</th>
              <td>
                {info.apiKeyMasked === null ? (
                  <span className="hint">None needed: api-keys is empty in config.yaml, so any key is accepted.</span>
                ) : (
                  <div className="copy-row">
                    <code className="copy-value" aria-label="API key (masked)">
                      {info.apiKeyMasked}
                    </code>
                    <CopyButton value={revealKey} label="Copy API key" />
                  </div>
                )}
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {info !== null && !info.running && <p className="hint">The proxy is stopped: start it before a tool connects.</p>}
      {info?.lanAccess === true && (
        <p className="hint">The proxy also listens on your network: other machines can reach it with this key.</p>
      )}
    </section>
  );
}
