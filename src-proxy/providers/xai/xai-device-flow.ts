import { OAuthRefreshError } from '../../auth-store/account-refresher';
import { abortableSleep } from '../oauth/abortable-sleep';
import { checkDiscoveredEndpoint, xaiClientId, xaiScope, type XaiOAuthEndpoints } from './xai-oauth-endpoints';

export interface XaiDeviceCode {
  deviceCode: string;
  userCode: string;
  /** What the user opens: `verification_uri_complete`, else `verification_uri`. */
  verificationUrl: string;
  /** Seconds; 0 when the server named none (the poll then stops after 30 min). */
  expiresIn: number;
  /** Seconds the server asks between polls (0: none named). */
  interval: number;
  /** The discovered token endpoint: polled, and stored in the auth file for refreshes. */
  tokenEndpoint: string;
}

export interface XaiTokens {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  tokenType: string;
  /** Seconds; 0 when the answer named none. */
  expiresIn: number;
  /** From the id_token's claims ('' when absent). */
  email: string;
  subject: string;
}

export interface XaiPollOptions {
  /** The least wait between polls (docs/providers.md#xai-login: 5 s); the server's `interval` wins when longer. */
  minIntervalMs: number;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** A login that ended without tokens; `code` is the OAuth error (expired_token, access_denied, cancelled, ...). */
export class XaiDeviceFlowError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'XaiDeviceFlowError';
  }
}

const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';
/** docs/providers.md#xai-login: the poll gives up after 30 minutes even when the code names a longer life. */
const maxPollMs = 30 * 60_000;
const formHeaders: Readonly<Record<string, string>> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

/** docs/providers.md#xai-login: OIDC discovery, each endpoint checked (`checkDiscoveredEndpoint`). */
export async function discoverXaiEndpoints(endpoints: XaiOAuthEndpoints): Promise<{ deviceAuthorizationEndpoint: string; tokenEndpoint: string }> {
  const response = await fetch(endpoints.discoveryUrl, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`The xAI discovery request failed: HTTP ${response.status}`);
  const data = record(await response.json().catch(() => ({})));
  return {
    deviceAuthorizationEndpoint: checkDiscoveredEndpoint(text(data.device_authorization_endpoint), 'device_authorization_endpoint', endpoints.discoveryUrl),
    tokenEndpoint: checkDiscoveredEndpoint(text(data.token_endpoint), 'token_endpoint', endpoints.discoveryUrl),
  };
}

/** docs/providers.md#xai-login: discovery, then the device authorization (form: client_id, scope; no PKCE). */
export async function requestXaiDeviceCode(endpoints: XaiOAuthEndpoints): Promise<XaiDeviceCode> {
  const discovered = await discoverXaiEndpoints(endpoints);
  const body = new URLSearchParams({ client_id: xaiClientId, scope: xaiScope });
  const response = await fetch(discovered.deviceAuthorizationEndpoint, { method: 'POST', headers: formHeaders, body: body.toString(), signal: AbortSignal.timeout(30_000) });
  const data = record(await response.json().catch(() => ({})));
  if (!response.ok) throw new Error(`The xAI device code request failed: HTTP ${response.status}${text(data.error) ? ` (${text(data.error)})` : ''}`);
  const deviceCode = text(data.device_code).trim();
  const userCode = text(data.user_code).trim();
  const verificationUrl = text(data.verification_uri_complete).trim() || text(data.verification_uri).trim();
  if (deviceCode === '' || userCode === '' || verificationUrl === '') throw new Error('The xAI device code response lacks device_code, user_code or a verification URI');
  return { deviceCode, userCode, verificationUrl, expiresIn: count(data.expires_in), interval: count(data.interval), tokenEndpoint: discovered.tokenEndpoint };
}

/**
 * Polls the token endpoint until the user approves (docs/providers.md#xai-login): the first poll at once,
 * then every max(server interval, `minIntervalMs`); `authorization_pending` keeps polling, `slow_down` adds
 * `minIntervalMs`; `expired_token`, `access_denied`, any other error and the code's end fail with XaiDeviceFlowError.
 */
export async function pollXaiToken(options: XaiPollOptions, device: XaiDeviceCode): Promise<XaiTokens> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep(options.signal);
  let interval = Math.max(device.interval * 1000, options.minIntervalMs);
  const deadline = now() + Math.min(maxPollMs, device.expiresIn > 0 ? device.expiresIn * 1000 : maxPollMs);
  const body = new URLSearchParams({ grant_type: deviceGrant, device_code: device.deviceCode, client_id: xaiClientId }).toString();
  for (let first = true; ; first = false) {
    if (!first) await sleep(interval);
    if (options.signal?.aborted) throw new XaiDeviceFlowError('The login was cancelled', 'cancelled');
    if (!first && now() > deadline) throw new XaiDeviceFlowError('The device code expired before the login was approved; start the login again.', 'expired_token');
    const response = await fetch(device.tokenEndpoint, { method: 'POST', headers: formHeaders, body, signal: AbortSignal.timeout(30_000) });
    const data = record(await response.json().catch(() => ({})));
    const code = text(data.error);
    if (code === 'authorization_pending') continue;
    if (code === 'slow_down') {
      interval += options.minIntervalMs;
      continue;
    }
    if (code === 'expired_token') throw new XaiDeviceFlowError('The device code expired before the login was approved; start the login again.', code);
    if (code === 'access_denied') throw new XaiDeviceFlowError('The login was denied in the browser.', code);
    if (code !== '' || !response.ok) throw new XaiDeviceFlowError(`The xAI token request failed: HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
    return readTokens(data, '');
  }
}

/** docs/providers.md#xai-refresh: form refresh at the file's token endpoint; `invalid_grant` -> OAuthRefreshError (a new login is needed). */
export async function refreshXaiTokens(tokenEndpoint: string, refreshToken: string): Promise<XaiTokens> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: xaiClientId, refresh_token: refreshToken });
  const response = await fetch(tokenEndpoint, { method: 'POST', headers: formHeaders, body: body.toString(), signal: AbortSignal.timeout(30_000) });
  const data = record(await response.json().catch(() => ({})));
  if (!response.ok) {
    const code = text(data.error);
    if (code === 'invalid_grant') throw new OAuthRefreshError('The xAI refresh token was rejected (invalid_grant)', 'invalid_grant');
    throw new OAuthRefreshError(`xAI token refresh failed with HTTP ${response.status}${code ? ` (${code})` : ''}`, code || `http_${response.status}`);
  }
  return readTokens(data, refreshToken);
}

function readTokens(data: Record<string, unknown>, previousRefreshToken: string): XaiTokens {
  const accessToken = text(data.access_token).trim();
  if (accessToken === '') throw new Error('The xAI token response has no access_token');
  const idToken = text(data.id_token).trim();
  const claims = readJwtClaims(idToken);
  return {
    accessToken,
    refreshToken: text(data.refresh_token).trim() || previousRefreshToken,
    idToken,
    tokenType: text(data.token_type).trim(),
    expiresIn: count(data.expires_in),
    email: text(claims.email).trim(),
    subject: text(claims.sub).trim(),
  };
}

/** The payload of a JWT, unverified: only `email` and `sub` are read, for the file name and label. */
function readJwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    return record(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return {};
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
