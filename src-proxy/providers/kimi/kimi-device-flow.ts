import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { isRecord } from '../../auth-store/auth-record';
import { readDeviceAuthorization, type DeviceAuthorization } from '../oauth/device-authorization';
import { kimiIdentityHeaders, kimiLoginDeviceModel } from './kimi-identity';
import { kimiClientId, type KimiOAuthEndpoints } from './kimi-oauth-endpoints';

export interface KimiTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  scope: string;
  /** Seconds the access token lives; 0 = not said (the file then names no expiry). */
  expiresIn: number;
}

export interface KimiPollOptions {
  endpoints: KimiOAuthEndpoints;
  /** The login's device id: every request of one login sends the same one. */
  deviceId: string;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** A login that ended without tokens; `code` is the OAuth error (expired_token, access_denied, cancelled, ...). */
export class KimiDeviceFlowError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'KimiDeviceFlowError';
  }
}

/** docs/providers.md#kimi-login: a login waits at most 15 minutes, less when the code expires sooner. */
const maxPollMs = 15 * 60_000;

/** docs/providers.md#kimi-login: form `client_id` only (no PKCE, no scope), with the identity headers. */
export async function requestKimiDeviceCode(endpoints: KimiOAuthEndpoints, deviceId: string): Promise<DeviceAuthorization> {
  const response = await postForm(endpoints.deviceCodeUrl, { client_id: kimiClientId }, deviceId);
  const data = await readJson(response);
  if (!response.ok) throw new Error(`The Kimi device code request failed: HTTP ${response.status}${text(data.error) ? ` (${text(data.error)})` : ''}`);
  return readDeviceAuthorization(data);
}

/**
 * Polls the token endpoint until the user approves (docs/providers.md#kimi-login). Kimi answers pending
 * states with HTTP 200 and an `error`, so the body decides, not the status: `authorization_pending` keeps
 * polling, `slow_down` adds the base interval (RFC 8628 section 3.5), `expired_token` / `access_denied` and
 * the deadline end the login with KimiDeviceFlowError. A network failure is retried until the deadline.
 */
export async function pollKimiToken(options: KimiPollOptions, device: DeviceAuthorization): Promise<KimiTokens> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep(options.signal);
  const base = options.endpoints.pollIntervalMs;
  let interval = Math.max(base, device.interval * 1000);
  const deadline = now() + Math.min(maxPollMs, device.expiresIn > 0 ? device.expiresIn * 1000 : maxPollMs);
  const form = { client_id: kimiClientId, device_code: device.deviceCode, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' };
  for (;;) {
    await sleep(interval);
    if (options.signal?.aborted) throw new KimiDeviceFlowError('The login was cancelled', 'cancelled');
    if (now() > deadline) throw new KimiDeviceFlowError('The Kimi device code expired before the login was approved; start the login again.', 'expired_token');
    const response = await postForm(options.endpoints.tokenUrl, form, options.deviceId).catch(() => undefined);
    if (!response) continue;
    const data = await readJson(response);
    const code = text(data.error);
    if (code === 'authorization_pending') continue;
    if (code === 'slow_down') {
      interval += base;
      continue;
    }
    if (code === 'expired_token') throw new KimiDeviceFlowError('The Kimi device code expired before the login was approved; start the login again.', code);
    if (code === 'access_denied') throw new KimiDeviceFlowError('The Kimi login was denied in the browser.', code);
    if (code !== '' || !response.ok) throw new KimiDeviceFlowError(`The Kimi token request failed: HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
    return readTokens(data, '');
  }
}

/**
 * docs/providers.md#kimi-refresh: form refresh grant with the file's device id. A 401 or 403, or
 * `invalid_grant`, means the refresh token is dead (a new login); a missing new refresh token keeps the old one.
 */
export async function refreshKimiTokens(endpoints: KimiOAuthEndpoints, refreshToken: string, deviceId: string): Promise<KimiTokens> {
  const response = await postForm(endpoints.tokenUrl, { client_id: kimiClientId, grant_type: 'refresh_token', refresh_token: refreshToken }, deviceId);
  const data = await readJson(response);
  if (!response.ok) {
    const code = text(data.error);
    const dead = code === 'invalid_grant' || response.status === 401 || response.status === 403;
    throw new OAuthRefreshError(`Kimi token refresh failed with HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`, dead);
  }
  return readTokens(data, refreshToken);
}

function postForm(url: string, form: Record<string, string>, deviceId: string): Promise<Response> {
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...kimiIdentityHeaders(deviceId, kimiLoginDeviceModel()) };
  return fetch(url, { method: 'POST', headers, body: new URLSearchParams(form).toString(), signal: AbortSignal.timeout(30_000) });
}

function readTokens(data: Record<string, unknown>, previousRefreshToken: string): KimiTokens {
  const accessToken = text(data.access_token);
  if (accessToken === '') throw new Error('The Kimi token response has no access_token');
  return { accessToken, refreshToken: text(data.refresh_token) || previousRefreshToken, tokenType: text(data.token_type), scope: text(data.scope), expiresIn: seconds(data.expires_in) };
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  const data: unknown = await response.json().catch(() => ({}));
  return isRecord(data) ? data : {};
}

function abortableSleep(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    });
}

function seconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
