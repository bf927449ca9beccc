import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codexAuthFileName } from '../../src-proxy/providers/codex/codex-auth-file';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';

let folder: string;
let oauth: FakeOAuthServer;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-codex-login-'));
  oauth = await startFakeOAuthServer();
});
afterEach(async () => {
  await oauth.close();
  await rm(folder, { recursive: true, force: true });
});

/** The real `cliproxy login codex` from source, with the Codex endpoints pointed at the fake. */
function runLogin() {
  return spawnCliproxy(['login', 'codex', '--no-browser', '--callback-port', '0', '--config', join(folder, 'config.yaml')], { CLIPROXY_CODEX_AUTHORIZE_URL: oauth.authorizeUrl, CLIPROXY_CODEX_TOKEN_URL: oauth.codexTokenUrl });
}

const waitForUrl = (output: () => { stdout: string }) => waitForLine(output, /^(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)$/m);

describe('cliproxy login codex', () => {
  it('prints the URL, takes the browser callback on /auth/callback, writes the codex auth file and prints the email', async () => {
    const run = runLogin();
    const url = await waitForUrl(run.output);
    const redirect = oauth.approve(url, { email: 'cli@example.com', chatgptAccountId: 'acct-cli', planType: 'pro' });
    expect(redirect).toMatch(/^http:\/\/localhost:\d+\/auth\/callback\?/);
    const response = await fetch(redirect.replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Logged in as cli@example.com (pro plan)');
    const path = join(folder, 'auths', codexAuthFileName('cli@example.com', 'acct-cli', 'pro'));
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({ type: 'codex', email: 'cli@example.com', account_id: 'acct-cli' });
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    const { stdout, stderr } = run.output();
    for (const secret of [saved.access_token, saved.refresh_token, saved.id_token, new URL(redirect).searchParams.get('code')]) expect(stdout + stderr).not.toContain(secret);
  });

  it('accepts the callback URL pasted on stdin after rejecting a wrong one', async () => {
    const run = runLogin();
    const url = await waitForUrl(run.output);
    run.child.stdin.write('http://localhost:1455/auth/callback?code=x&state=wrong\n');
    run.child.stdin.write(`${oauth.approve(url, { email: 'paste@example.com', chatgptAccountId: 'acct-p', planType: 'plus' })}\n`);
    expect(await run.exited).toBe(0);
    expect(run.output().stderr).toContain('not the callback URL');
    expect(JSON.parse(await readFile(join(folder, 'auths', codexAuthFileName('paste@example.com', 'acct-p', 'plus')), 'utf8'))).toMatchObject({ type: 'codex' });
  });

  it('--device prints the device page and user code, polls until approved, writes the codex auth file', async () => {
    const run = spawnCliproxy(['login', 'codex', '--device', '--config', join(folder, 'config.yaml')], {
      CLIPROXY_CODEX_TOKEN_URL: oauth.codexTokenUrl,
      CLIPROXY_CODEX_DEVICE_USERCODE_URL: oauth.deviceUserCodeUrl,
      CLIPROXY_CODEX_DEVICE_TOKEN_URL: oauth.deviceTokenUrl,
      CLIPROXY_CODEX_DEVICE_POLL_INTERVAL_MS: '20',
    });
    const userCode = await waitForLine(run.output, /Enter the code ([0-9A-F]+) there/);
    expect(run.output().stdout).toContain('https://auth.openai.com/codex/device');
    await expect.poll(() => oauth.requests.filter((request) => request.path === '/api/accounts/deviceauth/token').length).toBeGreaterThanOrEqual(2);
    oauth.approveDevice(userCode, { email: 'device@example.com', chatgptAccountId: 'acct-d', planType: 'plus' });
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Logged in as device@example.com (plus plan)');
    const saved = JSON.parse(await readFile(join(folder, 'auths', codexAuthFileName('device@example.com', 'acct-d', 'plus')), 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({ type: 'codex', account_id: 'acct-d', email: 'device@example.com' });
    const exchange = oauth.requests.find((request) => request.path === '/oauth/token');
    expect(exchange?.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: 'https://auth.openai.com/deviceauth/callback' });
    const { stdout, stderr } = run.output();
    for (const secret of [saved.access_token, saved.refresh_token]) expect(stdout + stderr).not.toContain(secret);
  });
});
