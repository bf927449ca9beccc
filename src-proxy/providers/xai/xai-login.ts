import { randomBytes } from 'node:crypto';
import type { AuthStore } from '../../auth-store/auth-store';
import type { StartedLogin } from '../provider-auth';
import { buildXaiAuthData, xaiAuthFileName } from './xai-auth-file';
import { pollXaiToken, requestXaiDeviceCode, type XaiPollOptions } from './xai-device-flow';
import type { XaiOAuthEndpoints } from './xai-oauth-endpoints';

export interface XaiLoginOptions {
  endpoints: XaiOAuthEndpoints;
  store: AuthStore;
  sleep?: XaiPollOptions['sleep'];
  now?: () => number;
}

/** docs/providers.md#xai-login: what the management route reports as `expires_in` when the device code names no life (the poll's 30 min). */
const defaultExpiresIn = 30 * 60;

/**
 * xAI's device flow (docs/providers.md#xai-login): discovery and a device code, then polling in the background;
 * `result` resolves after `xai-<email|sub|ms>.json` is written (docs/providers.md#xai-auth-file).
 */
export async function startXaiLogin(options: XaiLoginOptions): Promise<StartedLogin> {
  const now = options.now ?? Date.now;
  const device = await requestXaiDeviceCode(options.endpoints);
  const abort = new AbortController();
  const poll = { minIntervalMs: options.endpoints.pollIntervalMs, signal: abort.signal, now, ...(options.sleep ? { sleep: options.sleep } : {}) };
  const result = pollXaiToken(poll, device).then(async (tokens) => {
    const at = now();
    const accountId = xaiAuthFileName(tokens.email, tokens.subject, at);
    await options.store.saveNew(accountId, buildXaiAuthData(tokens, device.tokenEndpoint, options.endpoints.apiBase, at));
    return { email: tokens.email, accountId };
  });
  // The caller may only look at `result` later; an early rejection must not be reported as unhandled.
  result.catch(() => undefined);
  return {
    url: device.verificationUrl,
    // CPA's management route names xAI sessions `xai-<unix nanos>`.
    state: `xai-${BigInt(now()) * 1_000_000n + BigInt(randomBytes(2).readUInt16BE(0))}`,
    userCode: device.userCode,
    expiresIn: device.expiresIn || defaultExpiresIn,
    submitPastedUrl: () => false,
    cancel: () => abort.abort(),
    result,
  };
}
