import { useMemo, useState } from 'react';
import type { RequestSummary } from '../../src-shared/control/usage-types';
import type { ControlClient, ControlFailure } from './control-client';
import { mergeRecentRequests } from './merge-recent-requests';
import { useControlEvent } from './use-control-event';
import { useControlQuery } from './use-control-query';

export interface RecentRequests {
  /** Newest first; null until the first answer. */
  requests: RequestSummary[] | null;
  failure: ControlFailure | null;
}

/** The newest `limit` finished requests: requests.recent once, then each request.finished as it happens. */
export function useRecentRequests(client: ControlClient, limit: number): RecentRequests {
  const query = useControlQuery(client, 'requests.recent', { limit });
  const [live, setLive] = useState<RequestSummary[]>([]);
  useControlEvent(client, 'request.finished', (request) => setLive((known) => mergeRecentRequests(known, [request], limit)));
  // Events that arrived before the first answer are kept: the merge drops the duplicates.
  const requests = useMemo(
    () => (query.value === null ? null : mergeRecentRequests(query.value, live, limit)),
    [query.value, live, limit],
  );
  return { requests, failure: query.failure };
}
