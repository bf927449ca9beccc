import type { BurnPoint, ForecastedAccountQuota, QuotaForecast } from '../../../src-shared/control/quota-forecast-types';
import { BurnChart } from '../../ui/burn-chart';
import { formatClock } from '../../ui/format';
import './quota-forecast.css';

/** The sentence a burn chart stands for: "5-hour window: 40% used, at this rate the limit is reached at 14:32". */
export function describeBurn(label: string, forecast: QuotaForecast, formatTime: (ms: number) => string): string {
  const used = forecast.usedPercentNow === null ? '' : `: ${Math.round(forecast.usedPercentNow)}% used`;
  const heading = forecast.state === 'runs-out' && forecast.runsOutAt !== null ? `, at this rate the limit is reached at ${formatTime(forecast.runsOutAt)}` : ', at this rate it lasts past its reset';
  return `${label} window${used}${heading}`;
}

/** A burn chart per window whose use over time the engine could estimate (src-proxy/quota/burn-series.ts). */
export function BurnCharts({ quota }: { quota: ForecastedAccountQuota }) {
  const charted = quota.forecasts.filter((forecast): forecast is QuotaForecast & { burn: BurnPoint[] } => (forecast.burn?.length ?? 0) > 1);
  if (charted.length === 0) return null;
  return (
    <div className="burn-charts">
      {charted.map((forecast) => {
        const label = quota.windows.find((window) => window.id === forecast.windowId)?.label ?? forecast.windowId;
        return (
          <figure key={forecast.windowId} className="burn-chart-figure">
            <BurnChart forecast={forecast} label={describeBurn(label, forecast, (at) => formatClock(at))} />
            <figcaption className="hint">{label}</figcaption>
          </figure>
        );
      })}
    </div>
  );
}
