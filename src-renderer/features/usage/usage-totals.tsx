import type { UsageTotals } from '../../../src-shared/control/usage-types';
import { formatDuration, humanizeNumber } from '../../ui/format';

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
    <dl className="card usage-totals">
      {stats.map(([label, exact, shown]) => (
        <div key={label} className="usage-total">
          <dt>{label}</dt>
          <dd title={exact.toLocaleString()}>{shown}</dd>
        </div>
      ))}
      <div className="usage-total">
        <dt>Average latency</dt>
        <dd>{totals.avgLatencyMs === null ? '—' : formatDuration(totals.avgLatencyMs)}</dd>
      </div>
    </dl>
  );
}
