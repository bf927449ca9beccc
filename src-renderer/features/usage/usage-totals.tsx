import type { UsageTotals } from '../../../src-shared/control/usage-types';
import { formatDuration, humanizeNumber } from '../../ui/format';
import { Stat } from '../../ui/stat';

/** The range's totals; the exact number is on hover and for screen readers. */
export function UsageTotalsList({ totals }: { totals: UsageTotals }) {
  const stats: Array<[string, number, string]> = [
    ['Requests', totals.requests, humanizeNumber(totals.requests)],
    ['Failed', totals.failures, humanizeNumber(totals.failures)],
    ['Input tokens', totals.inputTokens, humanizeNumber(totals.inputTokens)],
    ['Output tokens', totals.outputTokens, humanizeNumber(totals.outputTokens)],
    ['Total tokens', totals.totalTokens, humanizeNumber(totals.totalTokens)],
  ];
  return (
    <dl className="card stats">
      {stats.map(([label, exact, shown]) => (
        <Stat key={label} label={label} value={shown} title={exact.toLocaleString()} />
      ))}
      <Stat label="Average latency" value={totals.avgLatencyMs === null ? '—' : formatDuration(totals.avgLatencyMs)} />
    </dl>
  );
}
