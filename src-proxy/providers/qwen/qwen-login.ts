import { randomBytes } from 'node:crypto';
import type { AuthStore } from '../../auth-store/auth-store';
import { buildQwenAuthData, qwenAuthFileName } from './qwen-auth-file';
import { pollQwenToken, requestQwenDeviceCode, type QwenPollOptions } from './qwen-device-flow';
import type { QwenOAuthEndpoints } from './qwen-oauth-endpoints';

export interface QwenLoginOptions {
  endpoints: QwenOAuthEndpoints;
  store: AuthStore;
  /** Email or alias for the file name and `email` (docs/providers.md#qwen-auth-file); empty -> `qwen-<unix ms>.json` with that number as `email`. */
  name?: string;
  intervalMs?: QwenPollOptions['intervalMs'];
  maxAttempts?: QwenPollOptions['maxAttempts'];
  sleep?: QwenPollOptions['sleep'];
  now?: () => number;
}

export interface QwenLoginResult {
  email: string;
  /** The auth file's id (its name in auth-dir). */
  accountId: string;
}

export interface QwenLogin {
  /** `verification_uri_complete`: what the user opens. */
  url: string;
  /** docs/providers.md#qwen-login: `gem-<nanos>` like CPA's management route. */
  state: string;
  userCode: string;
  verificationUri: string;
  expiresIn: number;
  /** A device flow has no callback. */
  callbackPort: null;
  submitPastedUrl(text: string): boolean;
  cancel(): void;
  /** Resolves after the auth file is written; rejects with QwenDeviceFlowError when the code expires or is denied. */
  result: Promise<QwenLoginResult>;
}

/** Qwen Code's device flow (docs/providers.md#qwen-login): asks for a device code, then polls in the background and writes the auth file. */
export async function startQwenLogin(options: QwenLoginOptions): Promise<QwenLogin> {
  const now = options.now ?? Date.now;
  const device = await requestQwenDeviceCode(options.endpoints);
  const abort = new AbortController();
  const result = pollQwenToken(
    {
      endpoints: options.endpoints,
      signal: abort.signal,
      intervalMs: options.intervalMs ?? options.endpoints.pollIntervalMs,
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    },
    device,
  ).then(async (tokens) => {
    const at = now();
    // Without a name (the management route), CPA stores the login time in ms as `email`, the same value as the file name.
    const email = options.name?.trim() || String(at);
    const accountId = qwenAuthFileName(email, at);
    await options.store.saveNew(accountId, buildQwenAuthData(tokens, email, at));
    return { email, accountId };
  });
  // The caller may only look at `result` later; an early rejection must not be reported as unhandled.
  result.catch(() => undefined);
  return {
    url: device.verificationUriComplete,
    state: `gem-${BigInt(now()) * 1_000_000n + BigInt(randomBytes(2).readUInt16BE(0))}`,
    userCode: device.userCode,
    verificationUri: device.verificationUri,
    expiresIn: device.expiresIn,
    callbackPort: null,
    submitPastedUrl: () => false,
    cancel: () => abort.abort(),
    result,
  };
}
