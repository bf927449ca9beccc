import { randomBytes } from 'node:crypto';
import { fakeDevicePollScript, startFakeFormServer, type FakeDevicePollStep } from './fake-device-flow-parts';
import type { FakeOAuthRecorded } from './fake-oauth-server';

export interface FakeXaiOAuthServer {
  origin: string;
  /** GET: the OIDC discovery document naming the two endpoints below. */
  discoveryUrl: string;
  /** POST (form): client_id and scope -> device_code, user_code, verification_uri(_complete), expires_in, interval. */
  deviceAuthorizationUrl: string;
  /** POST (form): the device_code and refresh_token grants. */
  tokenUrl: string;
  requests: FakeOAuthRecorded[];
  /** Answers of the next device-code polls in order; the last one repeats. Default: approve at once. */
  setPollScript(steps: FakeDevicePollStep[]): void;
  /** `expires_in` of issued tokens (default 3600) and of device codes (default 900). */
  setExpiresIn(seconds: number): void;
  setDeviceExpiresIn(seconds: number): void;
  /** The id_token's `email` claim ('' = no claim; then `sub` names the file). */
  setEmail(email: string): void;
  pollTimes(): number[];
  refreshCount(): number;
  /** Delay before a refresh answers, so concurrent callers overlap. */
  setRefreshDelay(ms: number): void;
  /** A refresh token of a fresh session (for auth files a test writes itself). */
  issueTokens(): { access_token: string; refresh_token: string };
  /** Kills a refresh token: the next refresh with it gets `invalid_grant`. */
  revoke(refreshToken: string): void;
  /** Kills an access token: the strict upstream refuses it from now on. */
  expireAccessToken(accessToken: string): void;
  isValidAccessToken(token: string): boolean;
  close(): Promise<void>;
}

export const fakeXaiClientId = 'b1a00492-073a-47ea-816f-4c329264a828';
const requiredScope = 'openid profile email offline_access grok-cli:access api:access';
const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * A fake of xAI's OAuth (auth.x.ai, docs/providers.md#xai-login) on 127.0.0.1: OIDC discovery, device
 * authorization that refuses another client id or a scope without the Grok CLI's scopes, token polls
 * answered from a script (RFC 8628 errors as HTTP 400), an unsigned id_token with `email` and `sub`,
 * rotating refresh tokens and `invalid_grant` for unknown, used or revoked ones. A grant of another
 * kind is `unsupported_grant_type`, a missing or wrong client id `invalid_client`.
 */
export async function startFakeXaiOAuthServer(): Promise<FakeXaiOAuthServer> {
  const devices = new Map<string, { used: boolean }>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const requests: FakeOAuthRecorded[] = [];
  const script = fakeDevicePollScript();
  let expiresIn = 3600;
  let deviceExpiresIn = 900;
  let email = 'grok.user@example.com';
  let refreshes = 0;
  let refreshDelay = 0;
  const subject = `user-${randomBytes(4).toString('hex')}`;

  const issue = () => {
    const accessToken = `xai-access-${randomBytes(8).toString('hex')}`;
    const refreshToken = `xai-refresh-${randomBytes(8).toString('hex')}`;
    accessTokens.add(accessToken);
    refreshTokens.add(refreshToken);
    const claims = Buffer.from(JSON.stringify({ sub: subject, ...(email ? { email } : {}), iss: origin })).toString('base64url');
    const idToken = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${claims}.`;
    return { access_token: accessToken, refresh_token: refreshToken, id_token: idToken, token_type: 'Bearer', expires_in: expiresIn };
  };

  function deviceAuthorization(form: Record<string, string>): [number, unknown] {
    if (form.client_id !== fakeXaiClientId) return [400, { error: 'invalid_client' }];
    const scopes = new Set((form.scope ?? '').split(' '));
    if (!requiredScope.split(' ').every((scope) => scopes.has(scope))) return [400, { error: 'invalid_scope' }];
    const deviceCode = `xdev-${randomBytes(8).toString('hex')}`;
    const userCode = randomBytes(3).toString('hex').toUpperCase();
    devices.set(deviceCode, { used: false });
    script.restart();
    return [200, { device_code: deviceCode, user_code: userCode, verification_uri: `${origin}/device`, verification_uri_complete: `${origin}/device?user_code=${userCode}`, expires_in: deviceExpiresIn, interval: 0 }];
  }

  async function token(form: Record<string, string>): Promise<[number, unknown]> {
    if (form.client_id !== fakeXaiClientId) return [401, { error: 'invalid_client' }];
    if (form.grant_type === deviceGrant) {
      script.mark();
      const device = devices.get(form.device_code ?? '');
      if (!device || device.used) return [400, { error: 'invalid_grant' }];
      const step = script.next();
      if (step !== 'approve') return [400, { error: step }];
      device.used = true;
      return [200, issue()];
    }
    if (form.grant_type === 'refresh_token') {
      refreshes += 1;
      if (refreshDelay > 0) await new Promise((resolve) => setTimeout(resolve, refreshDelay));
      if (!refreshTokens.delete(form.refresh_token ?? '')) return [400, { error: 'invalid_grant', error_description: 'refresh token is invalid or expired' }];
      return [200, issue()];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  function answer(method: string, path: string, form: Record<string, string>): [number, unknown] | Promise<[number, unknown]> {
    if (method === 'GET' && path === '/.well-known/openid-configuration') {
      return [200, { issuer: origin, device_authorization_endpoint: `${origin}/oauth2/device/code`, token_endpoint: `${origin}/oauth2/token` }];
    }
    if (method === 'POST' && path === '/oauth2/device/code') return deviceAuthorization(form);
    if (method === 'POST' && path === '/oauth2/token') return token(form);
    return [404, { error: 'not_found' }];
  }

  const server = await startFakeFormServer(answer, requests);
  const { origin } = server;

  return {
    origin,
    discoveryUrl: `${origin}/.well-known/openid-configuration`,
    deviceAuthorizationUrl: `${origin}/oauth2/device/code`,
    tokenUrl: `${origin}/oauth2/token`,
    requests,
    setPollScript: (steps: FakeDevicePollStep[]) => script.set(steps),
    setExpiresIn(seconds) {
      expiresIn = seconds;
    },
    setDeviceExpiresIn(seconds) {
      deviceExpiresIn = seconds;
    },
    setEmail(value) {
      email = value;
    },
    pollTimes: () => script.times(),
    refreshCount: () => refreshes,
    setRefreshDelay(ms) {
      refreshDelay = ms;
    },
    issueTokens: () => issue(),
    revoke(refreshToken) {
      refreshTokens.delete(refreshToken);
    },
    expireAccessToken(accessToken) {
      accessTokens.delete(accessToken);
    },
    isValidAccessToken: (value) => accessTokens.has(value),
    close: () => server.close(),
  };
}
