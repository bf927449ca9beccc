import type { TunnelStatus } from '../../../src-shared/control/tunnel-types';
import type { ControlClient } from '../../control-client/control-client';
import { useControlEvent } from '../../control-client/use-control-event';
import { useControlQuery, type ControlQuery } from '../../control-client/use-control-query';

/** tunnel.status, kept current by tunnel.changed (start, download progress, restarts, idle stop, key changes). */
export function useTunnelStatus(client: ControlClient): ControlQuery<TunnelStatus> {
  const query = useControlQuery(client, 'tunnel.status', {});
  useControlEvent(client, 'tunnel.changed', query.setValue);
  return query;
}
