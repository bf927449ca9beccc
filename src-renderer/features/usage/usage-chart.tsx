import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { UsageBucket } from '../../../src-shared/control/usage-types';
import { humanizeNumber } from '../../ui/format';
import { bucketTick, bucketTitle } from './bucket-labels';
import { dataKeyOf, type ChartData, type ChartMetric } from './chart-data';

export interface UsageChartProps {
  title: string;
  metric: ChartMetric;
  data: ChartData;
  bucket: UsageBucket;
}

/**
 * One stacked bar chart. Colours and text are CSS variables in SVG presentation attributes (allowed by
 * the CSP, unlike style attributes), so the chart follows the light and dark themes; the table below the
 * charts is the non-visual alternative.
 */
export function UsageChart({ title, metric, data, bucket }: UsageChartProps) {
  const captionId = useId();
  return (
    <figure className="card usage-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="usage-chart-title">
        {title}
      </figcaption>
      <BarChart responsive width="100%" height={240} data={data.rows} title={title} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="t" tickFormatter={(t: number) => bucketTick(t, bucket)} stroke="var(--border)" tick={{ fill: 'var(--muted)', fontSize: 12 }} minTickGap={16} />
        <YAxis tickFormatter={humanizeNumber} allowDecimals={false} width={48} stroke="var(--border)" tick={{ fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip cursor={{ fill: 'var(--chart-cursor)' }} content={(props) => <ChartTooltip {...props} bucket={bucket} />} />
        <Legend formatter={(label: string) => <span className="usage-legend-label">{label}</span>} />
        {data.series.map((series, index) => (
          <Bar key={series.id} dataKey={dataKeyOf(metric, series)} name={series.label} stackId={metric} fill={`var(--chart-${index + 1})`} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  );
}

function ChartTooltip({ active, payload, label, bucket }: TooltipContentProps & { bucket: UsageBucket }) {
  if (active !== true || payload.length === 0 || typeof label !== 'number') return null;
  const shown = payload.filter((entry) => typeof entry.value === 'number' && entry.value > 0);
  return (
    <div className="usage-tooltip">
      <p className="usage-tooltip-title">{bucketTitle(label, bucket)}</p>
      {shown.length === 0 ? (
        <p className="usage-tooltip-empty">Nothing</p>
      ) : (
        <dl>
          {shown.map((entry) => (
            <div key={String(entry.dataKey)} className="usage-tooltip-row">
              <dt>{entry.name}</dt>
              <dd>{humanizeNumber(Number(entry.value))}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
