import { useId } from 'react';
import type { PageProps } from '../../app/page-props';
import { useAccounts } from '../../control-client/use-accounts';
import { useQuota } from '../../control-client/use-quota';
import { useRecentRequests } from '../../control-client/use-recent-requests';
import { PageHeader } from '../../ui/page-header';
import { AccountHealthCard } from './account-health-card';
import { attentionReason } from './attention-reason';
import { ConnectionCard } from './connection-card';
import { EngineStatusCard } from './engine-status-card';
import { LiveStrip } from './live-strip';
import { ProxyToggle } from './proxy-toggle';
import { PublicUrlBanner } from './public-url-banner';
import { ThroughputCard } from './throughput-card';
import { TodayCard } from './today-card';
import { useEngineStatus } from './use-engine-status';
import { WelcomeCard } from './welcome-card';
import './dashboard.css';

/** Requests kept for today's fallback totals, the latencies, the throughput chart and the strip (the engine keeps the newest 1000). */
const RECENT_LIMIT = 1000;

/** The headline state and toggle, today's numbers, throughput, accounts with quota, how to connect, the latest requests. */
export function DashboardPage({ client }: PageProps) {
  const titleId = useId();
  const engine = useEngineStatus(client);
  const accounts = useAccounts(client);
  const quota = useQuota(client);
  const recent = useRecentRequests(client, RECENT_LIMIT);
  return (
    <section className="page" aria-labelledby={titleId}>
      <PageHeader titleId={titleId} title="Dashboard" description="Operations overview" actions={<ProxyToggle client={client} engine={engine} />} />
      <EngineStatusCard client={client} engine={engine} attention={attentionReason(engine.status, accounts.value)} />
      <PublicUrlBanner client={client} />
      {accounts.value?.length === 0 && <WelcomeCard client={client} />}
      <div className="dashboard-row">
        <TodayCard client={client} recent={recent.requests} />
        <ThroughputCard requests={recent.requests} />
      </div>
      <div className="dashboard-row">
        <AccountHealthCard accounts={accounts.value} failure={accounts.failure} quota={quota.value ?? []} />
        <ConnectionCard client={client} />
      </div>
      <LiveStrip requests={recent.requests} failure={recent.failure} />
    </section>
  );
}
