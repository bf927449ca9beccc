import { useCallback, useEffect, useRef } from 'react';

/**
 * `action`, run at most once per `ms`: the first call schedules it, later calls within the window join
 * that run. For re-reading data while events stream in (hundreds of requests a second must not mean
 * hundreds of reloads).
 */
export function useThrottled(action: () => void, ms: number): () => void {
  const latest = useRef(action);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => () => clearTimeout(pending.current), []);
  return useCallback(() => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}
