import { randomBytes } from 'node:crypto';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { readDeviceAuthorization } from '../oauth/device-authorization';
import { pkceChallenge } from '../oauth/pkce';
import { qwenClientId, qwenScope, type QwenOAuthEndpoints } from './qwen-oauth-endpoints';

export interface QwenDeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  /** What the user opens: the URI with the user code filled in. */
  verificationUriComplete: string;
  expiresIn: number;
  /** PKCE verifier for the token polls. */
  verifier: string;
}

export interface QwenTokens {
  accessToken: string;
  refreshToken: string;
  resourceUrl: string;
  expiresIn: number;
}

export interface QwenPollOptions {
  endpoints: QwenOAuthEndpoints;
  /** docs/providers.md#qwen-login: every 5 s (the server's `interval` is ignored); tests pass a few ms. */
  intervalMs?: number;
  /** docs/providers.md#qwen-login: 60 attempts (5 min). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/** docs/providers.md#qwen-login: `slow_down` multiplies the interval by 1.5, up to 10 s. */
const maxIntervalMs = 10_000;

const formHeaders: Readonly<Record<string, string>> = {
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
};

/** A login that ended without tokens; `code` is the OAuth error (expired_token, access_denied, timeout). */
export class QwenDeviceFlowError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'QwenDeviceFlowError';
  }
}

/** docs/providers.md#qwen-login: the PKCE verifier is 32 random bytes, base64url without padding. */
export async function requestQwenDeviceCode(endpoints: QwenOAuthEndpoints): Promise<QwenDeviceCode> {
  const verifier = randomBytes(32).toString('base64url');
  const body = new URLSearchParams({ client_id: qwenClientId, scope: qwenScope, code_challenge: pkceChallenge(verifier), code_challenge_method: 'S256' });
  const response = await fetch(endpoints.deviceCodeUrl, { method: 'POST', headers: formHeaders, body: body.toString(), signal: AbortSignal.timeout(30_000) });
  const data = record(await response.json().catch(() => ({})));
  if (!response.ok) throw new Error(`The device code request failed: HTTP ${response.status}${text(data.error) ? ` (${text(data.error)})` : ''}`);
  const device = readDeviceAuthorization(data);
  return { ...device, expiresIn: device.expiresIn || 300, verifier };
}

/**
 * Polls the token endpoint until the user approves (docs/providers.md#qwen-login): `authorization_pending` keeps polling,
 * `slow_down` stretches the interval, `expired_token` / `access_denied` (and running out of attempts) fail
 * with QwenDeviceFlowError.
 */
export async function pollQwenToken(options: QwenPollOptions, device: QwenDeviceCode): Promise<QwenTokens> {
  const sleep = options.sleep ?? abortableSleep(options.signal);
  let interval = options.intervalMs ?? 5000;
  const attempts = options.maxAttempts ?? 60;
  const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: qwenClientId, device_code: device.deviceCode, code_verifier: device.verifier });
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (options.signal?.aborted) throw new QwenDeviceFlowError('The login was cancelled', 'cancelled');
    await sleep(interval);
    if (options.signal?.aborted) throw new QwenDeviceFlowError('The login was cancelled', 'cancelled');
    let response: Response;
    try {
      response = await fetch(options.endpoints.tokenUrl, { method: 'POST', headers: formHeaders, body: body.toString(), signal: AbortSignal.timeout(30_000) });
    } catch {
      continue;
    }
    const data = record(await response.json().catch(() => ({})));
    if (response.ok) return readTokens(data, '');
    const code = text(data.error);
    if (code === 'authorization_pending') continue;
    if (code === 'slow_down') {
      interval = Math.min(Math.round(interval * 1.5), maxIntervalMs);
      continue;
    }
    if (code === 'expired_token') throw new QwenDeviceFlowError('The device code expired before the login was approved; start the login again.', code);
    if (code === 'access_denied') throw new QwenDeviceFlowError('The login was denied in the browser.', code);
    throw new QwenDeviceFlowError(`The token request failed: HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
  }
  throw new QwenDeviceFlowError('The login was not approved in time; start the login again.', 'timeout');
}

/** docs/providers.md#qwen-refresh: form refresh; `invalid_grant` -> OAuthRefreshError('invalid_grant'); a missing new refresh token keeps the old one. */
export async function refreshQwenTokens(endpoints: QwenOAuthEndpoints, refreshToken: string, previousResourceUrl = ''): Promise<QwenTokens> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: qwenClientId });
  const response = await fetch(endpoints.tokenUrl, { method: 'POST', headers: formHeaders, body: body.toString(), signal: AbortSignal.timeout(30_000) });
  const data = record(await response.json().catch(() => ({})));
  if (!response.ok) {
    const code = text(data.error);
    if (code === 'invalid_grant') throw new OAuthRefreshError('The refresh token was rejected (invalid_grant)', 'invalid_grant');
    throw new OAuthRefreshError(`Token refresh failed with HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
  }
  const tokens = readTokens(data, refreshToken);
  return { ...tokens, resourceUrl: tokens.resourceUrl || previousResourceUrl };
}

function readTokens(data: Record<string, unknown>, previousRefreshToken: string): QwenTokens {
  const accessToken = text(data.access_token);
  if (accessToken === '') throw new Error('The token response has no access_token');
  return {
    accessToken,
    refreshToken: text(data.refresh_token) || previousRefreshToken,
    resourceUrl: text(data.resource_url),
    expiresIn: typeof data.expires_in === 'number' ? data.expires_in : 3600,
  };
}

function abortableSleep(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
