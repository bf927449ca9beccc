import { LayoutDashboard } from 'lucide-react';
import type { PageProps } from '../../app/page-props';
import { useAccounts } from '../../control-client/use-accounts';
import { useControlEvent } from '../../control-client/use-control-event';
import { useControlQuery } from '../../control-client/use-control-query';
import { useQuota } from '../../control-client/use-quota';
import { useRecentRequests } from '../../control-client/use-recent-requests';
import { describeAccountStatus } from '../../ui/account-words';
import { CopyButton } from '../../ui/copy-button';
import { formatDuration } from '../../ui/format';
import { ProviderMark } from '../../ui/provider-mark';
import { QuotaRing } from '../../ui/quota-ring';
import { RelativeTime } from '../../ui/relative-time';
import { statusToneOf } from '../../ui/request-words';
import { StatusChip } from '../../ui/status-chip';
import { describeEngineStatus } from '../dashboard/describe-engine-status';
import { ProxyToggle } from '../dashboard/proxy-toggle';
import { useEngineStatus } from '../dashboard/use-engine-status';
import { PopoverQuotaLine } from './popover-quota-line';
import './tray-popover.css';

const SHOWN_REQUESTS = 4;

/**
 * The tray's compact view (`#/popover`, no sidebar): state and Start/Stop, the URL with Copy, each
 * account with its quota ring and status, the last requests, and the way to the full dashboard.
 */
export function TrayPopover({ client }: PageProps) {
  const engine = useEngineStatus(client);
  const accounts = useAccounts(client);
  const quota = useQuota(client);
  const connection = useControlQuery(client, 'connection.get', {});
  useControlEvent(client, 'status.changed', connection.reload);
  const recent = useRecentRequests(client, SHOWN_REQUESTS);
  const words = engine.status === null ? null : describeEngineStatus(engine.status);
  const url = connection.value?.openaiBaseUrl ?? null;

  return (
    <main className="popover" aria-labelledby="popover-title">
      <h1 id="popover-title" className="visually-hidden">
        CLI Proxy Desktop
      </h1>
      <header className="popover-header">
        <p role="status" aria-live="polite" className={`status status-${words?.tone ?? 'busy'}`}>
          <span className="status-dot" aria-hidden="true" />
          <strong>{words?.headline ?? (engine.failure === null ? 'Connecting…' : 'Not connected')}</strong>
        </p>
        <ProxyToggle client={client} engine={engine} />
      </header>
      {engine.failure !== null && engine.failure.code !== 'UNAUTHORIZED' && (
        <p role="alert" className="message message-error">
          {engine.failure.message}
        </p>
      )}
      {url !== null && (
        <div className="copy-row popover-url">
          <code className="copy-value" aria-label="Proxy URL">
            {url}
          </code>
          <CopyButton value={url} label="Copy URL" />
        </div>
      )}
      <PopoverQuotaLine quotas={quota.value ?? []} accounts={accounts.value ?? []} />
      <h2 className="popover-title">Accounts</h2>
      {accounts.value?.length === 0 && <p className="hint">No account yet: add one from the dashboard.</p>}
      <ul className="popover-list" aria-label="Accounts">
        {(accounts.value ?? []).map((account) => {
          const status = describeAccountStatus(account);
          return (
            <li key={account.id} className="popover-item">
              <ProviderMark account={account} />
              <span className="popover-label">{account.label}</span>
              <QuotaRing quota={quota.value?.find((each) => each.accountId === account.id)} size={24} />
              <StatusChip tone={status.tone} label={status.label} title={status.detail} />
            </li>
          );
        })}
      </ul>
      <h2 className="popover-title">Last requests</h2>
      {recent.requests?.length === 0 && <p className="hint">No requests yet.</p>}
      <ol className="popover-list" aria-label="Last requests">
        {(recent.requests ?? []).map((request) => (
          <li key={request.id} className="popover-item">
            <span className="popover-label">{request.model ?? request.route}</span>
            <span className="popover-muted">
              <RelativeTime at={request.at} /> · {formatDuration(request.latencyMs)}
            </span>
            <StatusChip tone={statusToneOf(request.status)} label={String(request.status)} title={request.error} />
          </li>
        ))}
      </ol>
      <a className="button button-primary button-with-icon popover-open" href="#/dashboard" target="_blank" rel="noreferrer">
        <LayoutDashboard aria-hidden="true" size={16} />
        Open dashboard
      </a>
    </main>
  );
}
