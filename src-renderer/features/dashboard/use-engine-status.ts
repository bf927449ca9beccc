import { useCallback, useEffect, useState } from 'react';
import type { EngineStatus } from '../../../src-shared/engine-status';
import type { ControlClient, ControlFailure } from '../../control-client/control-client';

export interface EngineStatusState {
  /** null until known, and again once the engine cannot be reached (never a stale "Running"). */
  status: EngineStatus | null;
  /** The last failed call, in words; cleared by the next success. */
  failure: ControlFailure | null;
  busy: boolean;
  start(): void;
  stop(): void;
}

/**
 * Over HTTP an engine stopped elsewhere (tray, Ctrl+C) just goes quiet: re-check this often so the page
 * says so. Over IPC, main's events are enough.
 */
const HTTP_RECHECK_MS = 5000;

/** Current engine status: fetched once, then kept fresh by `status.changed` events. */
export function useEngineStatus(client: ControlClient): EngineStatusState {
  const [status, setStatus] = useState<EngineStatus | null>(null);
  const [failure, setFailure] = useState<ControlFailure | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let active = true;
    const unsubscribe = client.on('status.changed', (next) => {
      if (active) setStatus(next);
    });
    const refresh = (): void => {
      void client.invoke('status.get', {}).then((result) => {
        if (!active) return;
        if (result.ok) {
          setStatus(result.value);
          setFailure(null);
          return;
        }
        setFailure(result.error);
        if (result.error.code === 'UNAVAILABLE') setStatus(null);
      });
    };
    refresh();
    const timer = client.transport === 'http' ? setInterval(refresh, HTTP_RECHECK_MS) : undefined;
    return () => {
      active = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [client]);

  const run = useCallback(
    (operation: 'proxy.start' | 'proxy.stop') => {
      setBusy(true);
      void client.invoke(operation, {}).then((result) => {
        setBusy(false);
        if (result.ok) {
          setStatus(result.value);
          setFailure(null);
        } else {
          setFailure(result.error);
        }
      });
    },
    [client],
  );

  return {
    status,
    failure,
    busy,
    start: useCallback(() => run('proxy.start'), [run]),
    stop: useCallback(() => run('proxy.stop'), [run]),
  };
}
