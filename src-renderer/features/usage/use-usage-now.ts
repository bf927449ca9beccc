import { useEffect, useRef, useState } from 'react';
import type { ControlClient } from '../../control-client/control-client';
import { useControlEvent } from '../../control-client/use-control-event';

/** A burst of requests re-reads usage once, this long after the first of them (the store flushes every 250 ms). */
const REFRESH_AFTER_MS = 1500;

/** "Now" for the usage queries: moves forward after requests finish, so new usage appears without a reload. */
export function useUsageNow(client: ControlClient): number {
  const [now, setNow] = useState(() => Date.now());
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useControlEvent(client, 'request.finished', () => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      setNow(Date.now());
    }, REFRESH_AFTER_MS);
  });
  useEffect(() => () => clearTimeout(pending.current), []);
  return now;
}
