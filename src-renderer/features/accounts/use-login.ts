import { useCallback, useEffect, useState } from 'react';
import type { LoginOffer, LoginProvider } from '../../../src-shared/control/account-types';
import type { ControlClient } from '../../control-client/control-client';
import { useControlEvent } from '../../control-client/use-control-event';
import { useControlQuery } from '../../control-client/use-control-query';
import { followedLoginFromHash } from '../../../src-shared/login-follow';
import { adoptStartedLogin, applyProgress, flowOfFollowedLogin, type LoginFlow } from './login-flow';

/** login.status is polled this often while waiting (login.finished usually arrives first). */
const POLL_MS = 1500;
const noOffers: readonly LoginOffer[] = [];

export interface Login {
  flow: LoginFlow;
  /** The logins the engine offers (`logins.list`), in its order; empty until it answered. */
  offers: readonly LoginOffer[];
  start(provider: LoginProvider): void;
  /** The address the browser ended up on, when the app's callback could not be reached. */
  submitCallback(redirectUrl: string): void;
  cancel(): void;
  /** Back to idle after done or failed. */
  close(): void;
}

/** One login at a time: start -> open the URL (or show the device code) -> done with the email, or failed with why. */
export function useLogin(client: ControlClient): Login {
  // A login the desktop shell asked this page to follow (it started or failed before the page existed).
  const [flow, setFlow] = useState<LoginFlow>(() => flowOfFollowedLogin(followedLoginFromHash(window.location.hash)));
  const waitingState = flow.step === 'waiting' ? flow.start.state : null;
  const offers = useControlQuery(client, 'logins.list', {}).value ?? noOffers;

  useControlEvent(client, 'login.started', (started) => setFlow((current) => adoptStartedLogin(current, started)));
  useControlEvent(client, 'login.finished', ({ state, progress }) => setFlow((current) => applyProgress(current, state, progress)));

  useEffect(() => {
    if (waitingState === null) return undefined;
    const timer = setInterval(() => {
      void client.invoke('login.status', { state: waitingState }).then((result) => {
        if (result.ok) setFlow((current) => applyProgress(current, waitingState, result.value));
        else setFlow((current) => applyProgress(current, waitingState, { status: 'error', error: result.error.message }));
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [client, waitingState]);

  const start = useCallback(
    (provider: LoginProvider) => {
      setFlow({ step: 'starting', provider });
      void client.invoke('login.start', { provider }).then((result) => {
        setFlow(
          result.ok
            ? { step: 'waiting', provider, start: result.value, checkingCallback: false, callbackError: null }
            : { step: 'failed', provider, why: result.error.message, start: null },
        );
      });
    },
    [client],
  );

  const submitCallback = useCallback(
    (redirectUrl: string) => {
      if (waitingState === null) return;
      setFlow((current) => (current.step === 'waiting' ? { ...current, checkingCallback: true, callbackError: null } : current));
      void client.invoke('login.submitCallback', { state: waitingState, redirectUrl }).then((result) => {
        setFlow((current) =>
          current.step === 'waiting' && current.start.state === waitingState
            ? { ...current, checkingCallback: false, callbackError: result.ok ? null : result.error.message }
            : current,
        );
      });
    },
    [client, waitingState],
  );

  const cancel = useCallback(() => {
    if (waitingState !== null) void client.invoke('login.cancel', { state: waitingState });
    setFlow({ step: 'idle' });
  }, [client, waitingState]);

  const close = useCallback(() => setFlow({ step: 'idle' }), []);
  return { flow, offers, start, submitCallback, cancel, close };
}
