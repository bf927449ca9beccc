import { useId } from 'react';
import type { PageProps } from '../../app/page-props';
import { useAccounts } from '../../control-client/use-accounts';
import { useRecentRequests } from '../../control-client/use-recent-requests';
import { AccountHealthCard } from './account-health-card';
import { ConnectionCard } from './connection-card';
import { EngineStatusCard } from './engine-status-card';
import { LiveStrip } from './live-strip';
import { PublicUrlBanner } from './public-url-banner';
import { TodayCard } from './today-card';
import { WelcomeCard } from './welcome-card';
import './dashboard.css';

/** Requests kept for today's fallback totals and the strip (the engine keeps the newest 1000). */
const RECENT_LIMIT = 1000;

/** State and toggle, how to connect, today's numbers, account health and the latest requests. */
export function DashboardPage({ client }: PageProps) {
  const titleId = useId();
  const accounts = useAccounts(client);
  const recent = useRecentRequests(client, RECENT_LIMIT);
  return (
    <section className="page" aria-labelledby={titleId}>
      <h1 id={titleId}>Dashboard</h1>
      <EngineStatusCard client={client} />
      <PublicUrlBanner client={client} />
      {accounts.value?.length === 0 && <WelcomeCard client={client} />}
      <ConnectionCard client={client} />
      <div className="dashboard-row">
        <TodayCard client={client} recent={recent.requests} />
        <AccountHealthCard accounts={accounts.value} failure={accounts.failure} />
      </div>
      <LiveStrip requests={recent.requests} failure={recent.failure} />
    </section>
  );
}
