import type { LoginOffer, LoginProgress, LoginProvider, LoginStart } from '../../../src-shared/control/account-types';
import type { FollowedLogin } from '../../../src-shared/login-follow';

/** Where one login stands, from the click to done or failed. */
export type LoginFlow =
  | { step: 'idle' }
  | { step: 'starting'; provider: LoginProvider }
  | { step: 'waiting'; provider: LoginProvider; start: LoginStart; checkingCallback: boolean; callbackError: string | null }
  | { step: 'done'; provider: LoginProvider; email: string }
  | { step: 'failed'; provider: LoginProvider; why: string; start: LoginStart | null };

/** What the UI calls a login: the label the engine offers it with (`logins.list`), else its name. */
export function loginLabel(offers: readonly LoginOffer[], provider: LoginProvider): string {
  return offers.find((offer) => offer.provider === provider)?.label ?? provider;
}

/** A login.status answer or login.finished event applied to the flow; other logins' news is ignored. */
export function applyProgress(flow: LoginFlow, state: string, progress: LoginProgress): LoginFlow {
  if (flow.step !== 'waiting' || flow.start.state !== state) return flow;
  if (progress.status === 'ok') return { step: 'done', provider: flow.provider, email: progress.email };
  if (progress.status === 'error') return { step: 'failed', provider: flow.provider, why: progress.error, start: flow.start };
  return flow;
}

/**
 * A login started elsewhere (the tray, another window) while this page shows none: follow it, so its
 * progress and fallbacks are here too. A login this page is already running or starting is kept.
 */
export function adoptStartedLogin(flow: LoginFlow, started: LoginStart): LoginFlow {
  if (flow.step === 'starting' || flow.step === 'waiting') return flow;
  return { step: 'waiting', provider: started.provider, start: started, checkingCallback: false, callbackError: null };
}

/**
 * The flow an Accounts page opens with when the desktop shell sent it to follow a login (`#/accounts?follow=…`):
 * the page did not exist when the login started or failed to start, so it never heard the event.
 */
export function flowOfFollowedLogin(followed: FollowedLogin | null): LoginFlow {
  if (followed === null) return { step: 'idle' };
  if (followed.kind === 'failed') return { step: 'failed', provider: followed.provider, why: followed.why, start: null };
  return adoptStartedLogin({ step: 'idle' }, followed.start);
}
