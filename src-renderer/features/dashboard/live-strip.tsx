import { Radio } from 'lucide-react';
import type { RequestSummary } from '../../../src-shared/control/usage-types';
import type { ControlFailure } from '../../control-client/control-client';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { formatDuration, humanizeNumber } from '../../ui/format';
import { RelativeTime } from '../../ui/relative-time';
import { clientOf, statusToneOf, totalTokensOf } from '../../ui/request-words';
import { StatusChip } from '../../ui/status-chip';

const SHOWN = 8;

export interface LiveStripProps {
  /** Newest first. */
  requests: readonly RequestSummary[] | null;
  failure: ControlFailure | null;
}

/** The last requests as they finish: client -> model -> account, status, latency, tokens. */
export function LiveStrip({ requests, failure }: LiveStripProps) {
  return (
    <Card title="Latest requests" icon={Radio} action={<a href="#/logs">Open logs</a>}>
      {failure !== null && (
        <p role="alert" className="message message-error">
          Could not read the latest requests: {failure.message}
        </p>
      )}
      {requests !== null && requests.length === 0 && (
        <EmptyState title="No requests yet">
          <p>Point a tool at one of the URLs above; each request shows up here as it finishes.</p>
        </EmptyState>
      )}
      {requests !== null && requests.length > 0 && (
        <ol className="live-strip" aria-label="Latest requests">
          {requests.slice(0, SHOWN).map((request) => (
            <li key={request.id} className="live-item">
              <span className="live-time">
                <RelativeTime at={request.at} />
              </span>
              <span className="live-path">
                {clientOf(request)} → {request.model ?? 'no model'} → {request.account ?? 'no account'}
              </span>
              <StatusChip tone={statusToneOf(request.status)} label={String(request.status)} title={request.error} />
              <span className="live-number">{formatDuration(request.latencyMs)}</span>
              <span className="live-number">{humanizeNumber(totalTokensOf(request))} tokens</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
