import { useId } from 'react';
import type { RequestSummary } from '../../../src-shared/control/usage-types';
import { formatDuration, formatExactTime } from '../../ui/format';
import { clientOf, statusToneOf } from '../../ui/request-words';
import { StatusChip } from '../../ui/status-chip';

/** Everything known about one request: timings, retries, which account, tokens, the error. */
export function RequestDetail({ request, onClose }: { request: RequestSummary; onClose(): void }) {
  const titleId = useId();
  const rows: Array<[string, string]> = [
    ['Arrived', formatExactTime(request.at)],
    ['Route', request.route],
    ['Client', clientOf(request)],
    ['Client key', request.clientKey ?? '—'],
    ['Provider', request.provider ?? '—'],
    ['Account', request.account ?? 'none (no account was tried)'],
    ['Model', request.model ?? '—'],
    ['Upstream model', request.upstreamModel ?? '—'],
    ['Streamed', request.stream ? 'yes' : 'no'],
    ['First byte after', request.ttfbMs === null ? '—' : formatDuration(request.ttfbMs)],
    ['Total time', formatDuration(request.latencyMs)],
    ['Attempts', request.attempts <= 1 ? String(request.attempts) : `${request.attempts} (${request.attempts - 1} retried)`],
    ['Input tokens', request.inputTokens.toLocaleString()],
    ['Output tokens', request.outputTokens.toLocaleString()],
    ['Cached tokens', request.cachedTokens.toLocaleString()],
    ['Reasoning tokens', request.reasoningTokens.toLocaleString()],
  ];
  return (
    <aside className="card request-detail" aria-labelledby={titleId}>
      <div className="card-header">
        <h2 id={titleId}>Request details</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close details
        </button>
      </div>
      <p>
        <StatusChip tone={statusToneOf(request.status)} label={`HTTP ${request.status}`} />
      </p>
      {request.error !== null && (
        <p className="message message-error">
          <strong>Error:</strong> {request.error}
        </p>
      )}
      <dl className="detail-list">
        {rows.map(([label, value]) => (
          <div key={label} className="detail-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">Request and response bodies are not kept here; set request-log: true in config.yaml to record them in the logs folder.</p>
    </aside>
  );
}
