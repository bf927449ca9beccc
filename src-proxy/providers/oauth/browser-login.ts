import type { LoopbackCallback } from './loopback-callback-server';

/** A started browser login (PKCE or OAuth code flow): what the CLI, the management routes and the UI drive. */
export interface BrowserLogin<Result> {
  url: string;
  state: string;
  /** null when the callback port was busy: paste the callback URL instead. */
  callbackPort: number | null;
  submitPastedUrl(text: string): boolean;
  cancel(): void;
  /** Resolves after the auth file is written. */
  result: Promise<Result>;
}

/** The handle of a login waiting on `callback`, whose page is `authorizeUrl?query`. */
export function browserLogin<Result>(authorizeUrl: string, query: URLSearchParams, state: string, callback: LoopbackCallback, result: Promise<Result>): BrowserLogin<Result> {
  return {
    url: `${authorizeUrl}?${query.toString()}`,
    state,
    callbackPort: callback.port,
    submitPastedUrl: (text) => callback.submitPastedUrl(text),
    cancel: () => callback.cancel(),
    result,
  };
}
