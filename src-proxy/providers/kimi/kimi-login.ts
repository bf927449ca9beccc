import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthStore } from '../../auth-store/auth-store';
import type { StartedLogin } from '../provider-auth';
import { buildKimiAuthData, kimiAuthFileName } from './kimi-auth-file';
import { pollKimiToken, requestKimiDeviceCode, type KimiPollOptions } from './kimi-device-flow';
import type { KimiOAuthEndpoints } from './kimi-oauth-endpoints';

export interface KimiLoginOptions {
  endpoints: KimiOAuthEndpoints;
  store: AuthStore;
  sleep?: KimiPollOptions['sleep'];
  now?: () => number;
}

/** A started Kimi login: a device flow, so no callback and nothing to paste. */
export interface KimiLogin extends StartedLogin {
  userCode: string;
  expiresIn: number;
}

/**
 * Kimi's device flow (docs/providers.md#kimi-login): a new device id for the login, a device code, then
 * polling in the background; `result` resolves after `kimi-<unix ms>.json` is written. Kimi files name no
 * email, so the file name stands for the account.
 */
export async function startKimiLogin(options: KimiLoginOptions): Promise<KimiLogin> {
  const now = options.now ?? Date.now;
  const deviceId = randomUUID();
  const device = await requestKimiDeviceCode(options.endpoints, deviceId);
  const abort = new AbortController();
  const polling = { endpoints: options.endpoints, deviceId, signal: abort.signal, now, ...(options.sleep ? { sleep: options.sleep } : {}) };
  const result = pollKimiToken(polling, device).then(async (tokens) => {
    const at = now();
    const accountId = kimiAuthFileName(at);
    await options.store.saveNew(accountId, buildKimiAuthData(tokens, deviceId, at));
    return { email: accountId, accountId };
  });
  // The caller may only look at `result` later; an early rejection must not be reported as unhandled.
  result.catch(() => undefined);
  return {
    url: device.verificationUriComplete,
    // docs/providers.md#kimi-login: `kmi-<nanoseconds>` like CLIProxyAPI's management route.
    state: `kmi-${BigInt(now()) * 1_000_000n + BigInt(randomBytes(2).readUInt16BE(0))}`,
    userCode: device.userCode,
    expiresIn: device.expiresIn,
    submitPastedUrl: () => false,
    cancel: () => abort.abort(),
    result,
  };
}
