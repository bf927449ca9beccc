import { useCallback, useEffect, useRef, useState } from 'react';
import type { ControlClient, ControlFailure } from '../../control-client/control-client';
import { useControlEvent } from '../../control-client/use-control-event';
import { useThrottled } from '../../control-client/use-throttled';
import { acceptTodayAnswer, countFinishedRequest, currentTodayTotals, noTodayTotals } from './live-today-totals';
import { todayFromUsage, type TodayTotals } from './today-totals';

const DAY_MS = 86_400_000;
/** Usage history is re-read at most this often while requests stream in (the events count meanwhile). */
const USAGE_REFRESH_MS = 2000;

export interface TodayTotalsState {
  /** null until usage history answers for today (or while it fails). */
  totals: TodayTotals | null;
  failure: ControlFailure | null;
}

/** Today's totals from usage history, moved by each request.finished event at once (live-today-totals.ts). */
export function useTodayTotals(client: ControlClient, since: number): TodayTotalsState {
  const [state, setState] = useState(noTodayTotals);
  const [failure, setFailure] = useState<ControlFailure | null>(null);
  const received = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const reload = useCallback(() => {
    const sentSeq = received.current;
    void client.invoke('usage.totals', { from: since, to: since + DAY_MS }).then((result) => {
      if (!mounted.current) return;
      if (!result.ok) {
        setFailure(result.error);
        return;
      }
      setFailure(null);
      setState((known) => acceptTodayAnswer(known, { totals: todayFromUsage(result.value), since, sentSeq }));
    });
  }, [client, since]);
  useEffect(reload, [reload]);

  const reloadSoon = useThrottled(reload, USAGE_REFRESH_MS);
  useControlEvent(client, 'request.finished', (request) => {
    const seq = received.current;
    received.current += 1;
    setState((known) => countFinishedRequest(known, request, seq));
    reloadSoon();
  });

  return { totals: currentTodayTotals(state, since), failure };
}
