import { CalendarClock } from 'lucide-react';
import type { RequestSummary } from '../../../src-shared/control/usage-types';
import type { ControlClient } from '../../control-client/control-client';
import { Card } from '../../ui/card';
import { formatDuration, humanizeNumber, startOfDay } from '../../ui/format';
import { MeterRing } from '../../ui/meter-ring';
import { Stat } from '../../ui/stat';
import { useNow } from '../../ui/use-now';
import { percentile } from './throughput-buckets';
import { todayFromRequests, type TodayTotals } from './today-totals';
import { useTodayTotals } from './use-today-totals';

export interface TodayCardProps {
  client: ControlClient;
  /** Requests in memory, newest first: the fallback while usage history does not answer, and the latencies. */
  recent: readonly RequestSummary[] | null;
}

/**
 * Today's requests, tokens, errors and success rate (usage history, else counted from the requests in
 * memory), and the latency p50/p95 of today's requests in memory (the engine keeps the newest 1000).
 */
export function TodayCard({ client, recent }: TodayCardProps) {
  const since = startOfDay(useNow(60_000));
  const usage = useTodayTotals(client, since);
  const totals: TodayTotals | null = usage.totals ?? (recent === null ? null : todayFromRequests(recent, since));
  const latencies = (recent ?? []).filter((request) => request.at >= since).map((request) => request.latencyMs);
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  const successRate = totals === null || totals.requests === 0 ? null : ((totals.requests - totals.errors) / totals.requests) * 100;

  return (
    <Card title="Today" icon={CalendarClock}>
      <dl className="stats">
        <CountStat label="Requests" value={totals?.requests} />
        <CountStat label="Tokens" value={totals?.tokens} />
        <CountStat label="Errors" value={totals?.errors} />
        <Stat label="Success rate" value={successRate === null ? '–' : `${successRate.toFixed(successRate === 100 ? 0 : 1)}%`}>
          <MeterRing
            percent={successRate}
            tone={successRate === null ? 'neutral' : successRate >= 99 ? 'ok' : successRate >= 90 ? 'busy' : 'error'}
            label={successRate === null ? 'Success rate: nothing to measure today' : `${Math.round(successRate)}% of today's requests succeeded`}
            size={28}
          />
        </Stat>
        <Stat label="Latency p50 / p95" value={p50 === null ? '–' : formatDuration(p50)}>
          {p95 === null ? 'none today' : `p95 ${formatDuration(p95)} · ${latencies.length} requests`}
        </Stat>
      </dl>
      {usage.totals === null && usage.failure !== null && (
        <p className="hint">
          Counted from the requests since the proxy started ({usage.failure.message} The full day appears once usage
          history answers.)
        </p>
      )}
    </Card>
  );
}

function CountStat({ label, value }: { label: string; value: number | undefined }) {
  return (
    <Stat label={label} value={value === undefined ? '…' : humanizeNumber(value)} title={value === undefined ? undefined : value.toLocaleString()} />
  );
}
