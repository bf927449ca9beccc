import { useId } from 'react';
import type { RequestSummary } from '../../../src-shared/control/usage-types';
import type { ControlClient } from '../../control-client/control-client';
import { humanizeNumber, startOfDay } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { todayFromRequests, type TodayTotals } from './today-totals';
import { useTodayTotals } from './use-today-totals';

export interface TodayCardProps {
  client: ControlClient;
  /** Requests in memory, newest first: the fallback while usage history does not answer. */
  recent: readonly RequestSummary[] | null;
}

/** Today's requests, tokens and errors: from usage history, else counted from the requests in memory. */
export function TodayCard({ client, recent }: TodayCardProps) {
  const titleId = useId();
  const since = startOfDay(useNow(60_000));
  const usage = useTodayTotals(client, since);
  const totals: TodayTotals | null = usage.totals ?? (recent === null ? null : todayFromRequests(recent, since));

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Today</h2>
      <dl className="stats">
        <Stat label="Requests" value={totals?.requests} />
        <Stat label="Tokens" value={totals?.tokens} />
        <Stat label="Errors" value={totals?.errors} />
      </dl>
      {usage.totals === null && usage.failure !== null && (
        <p className="hint">
          Counted from the requests since the proxy started ({usage.failure.message} The full day appears once usage
          history answers.)
        </p>
      )}
    </section>
  );
}

function Stat({ label, value }: { label: string; value: number | undefined }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd title={value === undefined ? undefined : value.toLocaleString()}>{value === undefined ? '…' : humanizeNumber(value)}</dd>
    </div>
  );
}
