import type { ForecastedAccountQuota } from '../../src-shared/control/quota-forecast-types';
import type { ControlClient } from './control-client';
import { useControlEvent } from './use-control-event';
import { useControlQuery, type ControlQuery } from './use-control-query';
import { useThrottled } from './use-throttled';

/** Answers bring quota headers: quota is re-read at most this often while requests finish. */
const RELOAD_AFTER_REQUESTS_MS = 10_000;

/** quota.get (windows and forecasts), kept current: accounts.changed, and finished requests (throttled). */
export function useQuota(client: ControlClient): ControlQuery<ForecastedAccountQuota[]> {
  const query = useControlQuery(client, 'quota.get', {});
  useControlEvent(client, 'accounts.changed', query.reload);
  useControlEvent(client, 'request.finished', useThrottled(query.reload, RELOAD_AFTER_REQUESTS_MS));
  return query;
}
