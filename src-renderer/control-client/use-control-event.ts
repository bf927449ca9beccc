import { useEffect, useRef } from 'react';
import type { ControlEvent, ControlEvents } from '../../src-shared/control-contract';
import type { ControlClient } from './control-client';

/** Calls `listener` for each `event` while the component is mounted; the latest listener is used. */
export function useControlEvent<E extends ControlEvent>(client: ControlClient, event: E, listener: (payload: ControlEvents[E]) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event]);
}
