import type { BurnPoint, QuotaForecast } from '../../src-shared/control/quota-forecast-types';
import './burn-chart.css';

export interface BurnChartProps {
  /** A forecast with its window's use over time (`burn`, oldest first, the last point is now). */
  forecast: QuotaForecast & { burn: BurnPoint[] };
  /** The chart's summary for screen readers, e.g. "5-hour window: 40% used, limit reached at 14:32". */
  label: string;
  width?: number;
  height?: number;
}

const hourMs = 3_600_000;

/**
 * A quota window's burn as a sparkline (our own SVG, like StackedBars): the use so far from the window's start,
 * then a dashed forecast to where the recent rate leads (the limit, or the reset), under the 100 % line.
 */
export function BurnChart({ forecast, label, width = 160, height = 40 }: BurnChartProps) {
  const { burn } = forecast;
  const first = burn[0];
  const last = burn[burn.length - 1];
  if (!first || !last) return null;
  const projected = projection(forecast, last);
  const end = Math.max(forecast.resetsAt ?? last.at, projected?.at ?? last.at, last.at + 1);
  const x = (at: number): number => round(((at - first.at) / (end - first.at)) * width);
  const y = (percent: number): number => round(1 + (1 - Math.min(100, percent) / 100) * (height - 2));
  const used = burn.map((point) => `${x(point.at)},${y(point.usedPercent)}`).join(' ');
  return (
    <svg className="burn-chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line className="burn-chart-limit" x1={0} x2={width} y1={y(100)} y2={y(100)} />
      <line className="burn-chart-base" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
      <polyline className="burn-chart-used" points={used} />
      {projected !== null && (
        <line
          className={`burn-chart-forecast burn-chart-forecast-${forecast.state === 'runs-out' ? 'runs-out' : 'lasts'}`}
          x1={x(last.at)}
          y1={y(last.usedPercent)}
          x2={x(projected.at)}
          y2={y(projected.usedPercent)}
        />
      )}
    </svg>
  );
}

/** Where the recent rate leads: the limit at `runsOutAt`, or the use at the reset for a window that lasts. */
function projection(forecast: QuotaForecast, last: BurnPoint): BurnPoint | null {
  if (forecast.state === 'runs-out' && forecast.runsOutAt !== null) return { at: forecast.runsOutAt, usedPercent: 100 };
  if (forecast.state === 'lasts' && forecast.resetsAt !== null && forecast.percentPerHour !== null) {
    return { at: forecast.resetsAt, usedPercent: Math.min(100, last.usedPercent + (forecast.percentPerHour * Math.max(0, forecast.resetsAt - last.at)) / hourMs) };
  }
  return null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
