import { createHash, randomBytes } from 'node:crypto';
import { fakeDevicePollScript, startFakeFormServer, type FakeDevicePollStep } from './fake-device-flow-parts';
import type { FakeOAuthRecorded } from './fake-oauth-server';

export type { FakeDevicePollStep } from './fake-device-flow-parts';

export interface FakeQwenOAuthServer {
  origin: string;
  /** POST /api/v1/oauth2/device/code (form): device_code, user_code, verification_uri(_complete), expires_in, interval. */
  deviceCodeUrl: string;
  /** POST /api/v1/oauth2/token (form): device_code and refresh_token grants. */
  tokenUrl: string;
  requests: FakeOAuthRecorded[];
  /** Answers of the next polls in order; the last one repeats. Default: approve at once. */
  setPollScript(steps: FakeDevicePollStep[]): void;
  /** `resource_url` of issued tokens (default `portal.qwen.ai`). */
  setResourceUrl(resourceUrl: string): void;
  setExpiresIn(seconds: number): void;
  /** Delay before a refresh answers, so concurrent callers overlap. */
  setRefreshDelay(ms: number): void;
  /** Times (ms) of the device-code polls, to check the interval. */
  pollTimes(): number[];
  refreshCount(): number;
  issueRefreshToken(): string;
  revoke(refreshToken: string): void;
  isValidAccessToken(token: string): boolean;
  close(): Promise<void>;
}

export const fakeQwenClientId = 'f0304373b74a44d2b584a3fb70ca9e56';

/**
 * A fake of Qwen's device flow (docs/providers.md#qwen-login, docs/providers.md#qwen-refresh) on 127.0.0.1: device codes bound to a PKCE S256 challenge,
 * polls answered from a script (pending, slow_down, approve, expired), a checked `code_verifier`, rotating
 * refresh tokens and `invalid_grant` for unknown ones. Kept apart from fake-oauth-server.ts (Claude, Codex).
 */
export async function startFakeQwenOAuthServer(): Promise<FakeQwenOAuthServer> {
  const devices = new Map<string, { challenge: string; used: boolean }>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const requests: FakeOAuthRecorded[] = [];
  const script = fakeDevicePollScript();
  let resourceUrl = 'portal.qwen.ai';
  let expiresIn = 3600;
  let refreshes = 0;
  let refreshDelay = 0;

  const issue = () => {
    const accessToken = `qwen-access-${randomBytes(8).toString('hex')}`;
    const refreshToken = `qwen-refresh-${randomBytes(8).toString('hex')}`;
    accessTokens.add(accessToken);
    refreshTokens.add(refreshToken);
    return { access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', resource_url: resourceUrl, expires_in: expiresIn };
  };

  async function handle(path: string, form: Record<string, string>): Promise<[number, unknown]> {
    if (path === '/api/v1/oauth2/device/code') {
      if (form.client_id !== fakeQwenClientId || form.code_challenge_method !== 'S256' || !form.code_challenge) return [400, { error: 'invalid_request' }];
      const deviceCode = `dev-${randomBytes(8).toString('hex')}`;
      const userCode = randomBytes(4).toString('hex').toUpperCase();
      devices.set(deviceCode, { challenge: form.code_challenge, used: false });
      script.restart();
      return [200, { device_code: deviceCode, user_code: userCode, verification_uri: `${origin}/authorize`, verification_uri_complete: `${origin}/authorize?user_code=${userCode}&client=qwen-code`, expires_in: 900, interval: 2 }];
    }
    if (path !== '/api/v1/oauth2/token') return [404, { error: 'not_found' }];
    if (form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') {
      script.mark();
      const device = devices.get(form.device_code ?? '');
      if (!device || device.used || form.client_id !== fakeQwenClientId) return [400, { error: 'invalid_grant' }];
      const step = script.next();
      if (step !== 'approve') return [400, { error: step }];
      if (createHash('sha256').update(form.code_verifier ?? '').digest('base64url') !== device.challenge) return [400, { error: 'invalid_grant', error_description: 'PKCE verification failed' }];
      device.used = true;
      return [200, issue()];
    }
    if (form.grant_type === 'refresh_token') {
      refreshes += 1;
      if (refreshDelay > 0) await new Promise((resolve) => setTimeout(resolve, refreshDelay));
      if (!refreshTokens.delete(form.refresh_token ?? '')) return [400, { error: 'invalid_grant', error_description: 'Invalid refresh token or refresh token expired' }];
      return [200, issue()];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  const server = await startFakeFormServer((method, path, form) => (method === 'POST' ? handle(path, form) : [404, { error: 'not_found' }]), requests);
  const { origin } = server;

  return {
    origin,
    deviceCodeUrl: `${origin}/api/v1/oauth2/device/code`,
    tokenUrl: `${origin}/api/v1/oauth2/token`,
    requests,
    setPollScript: (steps: FakeDevicePollStep[]) => script.set(steps),
    setResourceUrl(value) {
      resourceUrl = value;
    },
    setExpiresIn(seconds) {
      expiresIn = seconds;
    },
    setRefreshDelay(ms) {
      refreshDelay = ms;
    },
    pollTimes: () => script.times(),
    refreshCount: () => refreshes,
    issueRefreshToken: () => issue().refresh_token,
    revoke(refreshToken) {
      refreshTokens.delete(refreshToken);
    },
    isValidAccessToken: (token) => accessTokens.has(token),
    close: () => server.close(),
  };
}
