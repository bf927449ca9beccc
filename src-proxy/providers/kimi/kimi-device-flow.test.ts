import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKimiServer, type FakeKimiServer } from '../../../test/fakes/fake-kimi-server';
import { OAuthRefreshError } from '../../auth-store/account-refresher';
import type { DeviceAuthorization } from '../oauth/device-authorization';
import { KimiDeviceFlowError, pollKimiToken, refreshKimiTokens, requestKimiDeviceCode } from './kimi-device-flow';
import { kimiCliDeviceId, kimiFallbackDeviceId } from './kimi-identity';
import { resolveKimiOAuthEndpoints, type KimiOAuthEndpoints } from './kimi-oauth-endpoints';

let kimi: FakeKimiServer;
let endpoints: KimiOAuthEndpoints;

beforeAll(async () => {
  kimi = await startFakeKimiServer();
  endpoints = resolveKimiOAuthEndpoints({ deviceCodeUrl: kimi.deviceCodeUrl, tokenUrl: kimi.tokenUrl, apiBase: kimi.apiBase, pollIntervalMs: 1000 }, {});
});
afterAll(async () => {
  await kimi.close();
});

/** A sleep that only records the waits, and a clock that moves by them. */
function virtualTime() {
  const waits: number[] = [];
  let clock = 0;
  return { waits, now: () => clock, sleep: async (ms: number) => void (waits.push(ms), (clock += ms)) };
}

describe('Kimi device flow against the strict fake', () => {
  it('sends form client_id with the identity headers; polls at the base interval, a longer server interval wins, slow_down adds the base', async () => {
    const device = await requestKimiDeviceCode(endpoints, 'dev-1');
    const sent = kimi.requests.at(-1);
    expect(sent?.body).toEqual({ client_id: '17e5f671-d194-4dfb-9706-5516cb48c098' });
    expect(sent?.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', 'x-msh-platform': 'CLIProxyAPI', 'x-msh-device-id': 'dev-1' });
    kimi.setPollScript(['authorization_pending', 'slow_down', 'approve']);
    const time = virtualTime();
    const tokens = await pollKimiToken({ endpoints, deviceId: 'dev-1', ...time }, { ...device, interval: 2 });
    expect(time.waits).toEqual([2000, 2000, 3000]);
    expect(tokens).toMatchObject({ accessToken: expect.stringMatching(/^kimi-access-/), tokenType: 'Bearer', scope: 'kimi-code', expiresIn: 3600 });
  });

  it('ends on expired_token, access_denied, the deadline and a poll from another device', async () => {
    const polls: Array<[string[], string, Partial<DeviceAuthorization>]> = [
      [['expired_token'], 'expired_token', {}],
      [['access_denied'], 'access_denied', {}],
      [['authorization_pending'], 'expired_token', { expiresIn: 3 }],
    ];
    for (const [script, code, change] of polls) {
      const device = await requestKimiDeviceCode(endpoints, 'dev-2');
      kimi.setPollScript(script as never);
      const error = await pollKimiToken({ endpoints, deviceId: 'dev-2', ...virtualTime() }, { ...device, ...change }).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(KimiDeviceFlowError);
      expect((error as KimiDeviceFlowError).code).toBe(code);
    }
    const device = await requestKimiDeviceCode(endpoints, 'dev-3');
    kimi.setPollScript(['approve']);
    await expect(pollKimiToken({ endpoints, deviceId: 'other-device', ...virtualTime() }, device)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('refreshes with the file device id; a refused refresh token needs a new login', async () => {
    const { refreshToken } = kimi.issueTokens('dev-4');
    const tokens = await refreshKimiTokens(endpoints, refreshToken, 'dev-4');
    expect(kimi.isValidAccessToken(tokens.accessToken)).toBe(true);
    expect(tokens.refreshToken).not.toBe(refreshToken);
    const dead = await refreshKimiTokens(endpoints, refreshToken, 'dev-4').catch((failure: unknown) => failure);
    expect(dead).toBeInstanceOf(OAuthRefreshError);
    expect(dead).toMatchObject({ needsRelogin: true, message: 'Kimi token refresh failed with HTTP 401 (invalid_grant)' });
    expect(String((dead as Error).message)).not.toContain(refreshToken);
  });
});

describe('kimiCliDeviceId', () => {
  it("reads kimi-cli's device_id where kimi-cli keeps it per platform, else the fallback", async () => {
    const home = await mkdtemp(join(tmpdir(), 'kimi-home-'));
    try {
      expect(kimiCliDeviceId(home, 'linux', {})).toBe(kimiFallbackDeviceId);
      await mkdir(join(home, '.local', 'share', 'kimi'), { recursive: true });
      await writeFile(join(home, '.local', 'share', 'kimi', 'device_id'), 'linux-id\n');
      expect(kimiCliDeviceId(home, 'linux', {})).toBe('linux-id');
      await mkdir(join(home, 'Library', 'Application Support', 'kimi'), { recursive: true });
      await writeFile(join(home, 'Library', 'Application Support', 'kimi', 'device_id'), 'mac-id');
      expect(kimiCliDeviceId(home, 'darwin', {})).toBe('mac-id');
      await mkdir(join(home, 'roaming', 'kimi'), { recursive: true });
      await writeFile(join(home, 'roaming', 'kimi', 'device_id'), 'win-id');
      expect(kimiCliDeviceId(home, 'win32', { APPDATA: join(home, 'roaming') })).toBe('win-id');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
