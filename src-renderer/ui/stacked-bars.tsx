import './stacked-bars.css';

export interface StackedBar {
  /** Said on hover, e.g. "14:05–14:10: 12 ok, 1 failed". */
  title: string;
  ok: number;
  failed: number;
}

export interface StackedBarsProps {
  bars: readonly StackedBar[];
  /** The chart's summary for screen readers. */
  label: string;
  height?: number;
}

const BAR_WIDTH = 8;
const GAP = 2;

/** A small bar chart, successes under failures per bar, drawn in SVG (no chart library). */
export function StackedBars({ bars, label, height = 96 }: StackedBarsProps) {
  const most = Math.max(1, ...bars.map((bar) => bar.ok + bar.failed));
  const width = bars.length * (BAR_WIDTH + GAP);
  const scale = (value: number): number => (value / most) * (height - 2);
  return (
    <svg className="stacked-bars" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line className="stacked-bars-base" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
      {bars.map((bar, index) => {
        const x = index * (BAR_WIDTH + GAP);
        const okHeight = scale(bar.ok);
        const failedHeight = scale(bar.failed);
        return (
          <g key={index}>
            <title>{bar.title}</title>
            {bar.ok > 0 && <rect className="stacked-bars-ok" x={x} y={height - okHeight} width={BAR_WIDTH} height={okHeight} rx={1} />}
            {bar.failed > 0 && (
              <rect className="stacked-bars-failed" x={x} y={height - okHeight - failedHeight} width={BAR_WIDTH} height={failedHeight} rx={1} />
            )}
          </g>
        );
      })}
    </svg>
  );
}
