import { useId, useMemo, useState } from 'react';
import type { UsageRow } from '../../../src-shared/control/usage-types';
import { formatDuration, humanizeNumber } from '../../ui/format';
import { groupLabel } from './chart-data';
import { defaultSort, nextSort, sortUsageRows, type UsageColumn, type UsageSort } from './sort-usage-rows';

const numberColumns: ReadonlyArray<[Exclude<UsageColumn, 'name'>, string]> = [
  ['requests', 'Requests'],
  ['failures', 'Failed'],
  ['inputTokens', 'Input tokens'],
  ['outputTokens', 'Output tokens'],
  ['totalTokens', 'Total tokens'],
  ['avgLatencyMs', 'Avg latency'],
];

export interface UsageTableProps {
  rows: readonly UsageRow[];
  /** What a row is: 'Model', 'Account', ... */
  groupName: string;
  caption: string;
}

/** usage.breakdown as a table sorted by any column (also the charts' non-visual alternative). */
export function UsageTable({ rows, groupName, caption }: UsageTableProps) {
  const captionId = useId();
  const [sort, setSort] = useState<UsageSort>(defaultSort);
  const sorted = useMemo(() => sortUsageRows(rows, sort), [rows, sort]);
  const columns: ReadonlyArray<readonly [UsageColumn, string]> = [['name', groupName], ...numberColumns];
  const header = ([column, label]: readonly [UsageColumn, string]) => (
    <th key={column} scope="col" className={column === 'name' ? undefined : 'numeric'} aria-sort={sort.column === column ? sort.direction : undefined}>
      <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, column))}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
  return (
    <div className="card usage-table-card">
      <table aria-labelledby={captionId}>
        <caption id={captionId} className="usage-table-caption">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map(header)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.key}>
              <th scope="row">{groupLabel(row)}</th>
              <td className="numeric" title={row.requests.toLocaleString()}>{humanizeNumber(row.requests)}</td>
              <td className="numeric">{humanizeNumber(row.failures)}</td>
              <td className="numeric" title={row.inputTokens.toLocaleString()}>{humanizeNumber(row.inputTokens)}</td>
              <td className="numeric" title={row.outputTokens.toLocaleString()}>{humanizeNumber(row.outputTokens)}</td>
              <td className="numeric" title={row.totalTokens.toLocaleString()}>{humanizeNumber(row.totalTokens)}</td>
              <td className="numeric">{row.avgLatencyMs === null ? '—' : formatDuration(row.avgLatencyMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
