import type { ForecastedAccountQuota } from '../../../src-shared/control/quota-forecast-types';
import { formatClock } from '../../ui/format';
import { describeQuotaForecast } from './describe-quota-forecast';
import './quota-forecast.css';

/** The account card's forecast line for its most constrained window (engine: src-proxy/quota/README.md#forecast). */
export function QuotaForecast({ quota }: { quota: ForecastedAccountQuota }) {
  const described = describeQuotaForecast(quota, (at) => formatClock(at));
  if (described === null) return null;
  return <p className={`quota-forecast quota-forecast-${described.tone}`}>{described.text}</p>;
}
