import { useId, useMemo, useState } from 'react';
import type { PageProps } from '../../app/page-props';
import { useRecentRequests } from '../../control-client/use-recent-requests';
import { EmptyState } from '../../ui/empty-state';
import { formatClock, formatDuration, formatExactTime, humanizeNumber } from '../../ui/format';
import { clientOf, statusToneOf, totalTokensOf, type StatusClass } from '../../ui/request-words';
import { StatusChip } from '../../ui/status-chip';
import { choicesOf, filterRequests, noFilters, type RequestFilters } from './filter-requests';
import { RequestDetail } from './request-detail';
import './logs.css';
import { PageHeader } from '../../ui/page-header';

/** The engine keeps the newest 1000 requests in memory; older ones are in usage history. */
const LOG_LIMIT = 1000;

const statusChoices: Array<[StatusClass | '', string]> = [
  ['', 'Any status'],
  ['2xx', 'Succeeded (2xx)'],
  ['4xx', 'Refused (4xx)'],
  ['5xx', 'Failed (5xx)'],
];

/** Live request log with filters and one request's detail. */
export function LogsPage({ client }: PageProps) {
  const titleId = useId();
  const tableId = useId();
  const { requests, failure } = useRecentRequests(client, LOG_LIMIT);
  const [filters, setFilters] = useState<RequestFilters>(noFilters);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const all = useMemo(() => requests ?? [], [requests]);
  const shown = useMemo(() => filterRequests(all, filters), [all, filters]);
  const selected = all.find((request) => request.id === selectedId) ?? null;
  const filtered = filters.statusClass !== '' || filters.model !== '' || filters.account !== '';

  return (
    <section className="page" aria-labelledby={titleId}>
      <PageHeader titleId={titleId} title="Logs" description="Every request as it finishes" />
      <div className="card filters" role="search" aria-label="Filter requests">
        <Choice label="Status" value={filters.statusClass} choices={statusChoices} onChange={(value) => setFilters({ ...filters, statusClass: value as StatusClass | '' })} />
        <Choice
          label="Model"
          value={filters.model}
          choices={[['', 'Any model'], ...choicesOf(all, 'model').map((model): [string, string] => [model, model])]}
          onChange={(model) => setFilters({ ...filters, model })}
        />
        <Choice
          label="Account"
          value={filters.account}
          choices={[['', 'Any account'], ...choicesOf(all, 'account').map((account): [string, string] => [account, account])]}
          onChange={(account) => setFilters({ ...filters, account })}
        />
        {filtered && (
          <button type="button" className="button button-quiet" onClick={() => setFilters(noFilters)}>
            Clear filters
          </button>
        )}
        <span className="filters-count" aria-live="polite">
          {requests === null ? '' : `${shown.length} of ${all.length} requests`}
        </span>
      </div>
      {failure !== null && (
        <p role="alert" className="message message-error">
          Could not read the request log: {failure.message}
        </p>
      )}
      <div className={selected === null ? 'logs' : 'logs logs-with-detail'}>
        <div className="card logs-table-card">
          {requests !== null && all.length === 0 && (
            <EmptyState title="No requests yet">
              <p>Requests appear here live as tools use the proxy. Copy a URL and the API key from the Dashboard into a tool to start.</p>
            </EmptyState>
          )}
          {all.length > 0 && shown.length === 0 && (
            <EmptyState title="No request matches these filters">
              <p>Choose "Any" in a filter, or Clear filters.</p>
            </EmptyState>
          )}
          {shown.length > 0 && (
            <table aria-labelledby={tableId} className="logs-table">
              <caption id={tableId} className="visually-hidden">
                Requests, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Client</th>
                  <th scope="col">Model</th>
                  <th scope="col">Account</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">Latency</th>
                  <th scope="col" className="numeric">Tokens</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((request) => (
                  <tr key={request.id} aria-current={request.id === selectedId ? 'true' : undefined} className={request.id === selectedId ? 'row-selected' : undefined}>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        title={formatExactTime(request.at)}
                        aria-label={`Details of ${request.model ?? 'request'} at ${formatClock(request.at, true)}`}
                        onClick={() => setSelectedId(request.id)}
                      >
                        {formatClock(request.at, true)}
                      </button>
                    </td>
                    <td>{clientOf(request)}</td>
                    <td>{request.model ?? '—'}</td>
                    <td className="cell-account" title={request.account ?? undefined}>
                      {request.account ?? '—'}
                    </td>
                    <td>
                      <StatusChip tone={statusToneOf(request.status)} label={String(request.status)} title={request.error} />
                    </td>
                    <td className="numeric">{formatDuration(request.latencyMs)}</td>
                    <td className="numeric">{humanizeNumber(totalTokensOf(request))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {selected !== null && <RequestDetail request={selected} onClose={() => setSelectedId(null)} />}
      </div>
    </section>
  );
}

interface ChoiceProps {
  label: string;
  value: string;
  choices: ReadonlyArray<readonly [string, string]>;
  onChange(value: string): void;
}

function Choice({ label, value, choices, onChange }: ChoiceProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {choices.map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
