import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';

let folder: string;
let oauth: FakeOAuthServer;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-login-'));
  oauth = await startFakeOAuthServer();
});
afterEach(async () => {
  await oauth.close();
  await rm(folder, { recursive: true, force: true });
});

/** The real `cliproxy login claude` from source, with every Claude endpoint pointed at the fake. */
function runLogin(extraArgs: string[] = []) {
  return spawnCliproxy(['login', 'claude', '--no-browser', '--callback-port', '0', '--config', join(folder, 'config.yaml'), ...extraArgs], { CLIPROXY_CLAUDE_AUTHORIZE_URL: oauth.authorizeUrl, CLIPROXY_CLAUDE_TOKEN_URL: oauth.tokenUrl, CLIPROXY_CLAUDE_PROFILE_URL: oauth.profileUrl });
}

const waitForUrl = (output: () => { stdout: string }) => waitForLine(output, /^(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)$/m);

describe('cliproxy login claude', () => {
  it('prints the URL, takes the browser callback, writes the auth file and prints the email', async () => {
    const run = runLogin();
    const url = await waitForUrl(run.output);
    const redirect = oauth.approve(url, { email: 'cli@example.com', accountUuid: 'acc-cli' });
    expect(redirect).toMatch(/^http:\/\/localhost:\d+\/callback\?/);
    const response = await fetch(redirect.replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Logged in as cli@example.com');
    const path = join(folder, 'auths', 'claude-cli@example.com.json');
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({ type: 'claude', email: 'cli@example.com', account_uuid: 'acc-cli' });
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    const { stdout, stderr } = run.output();
    for (const secret of [saved.access_token, saved.refresh_token, new URL(redirect).searchParams.get('code')]) expect(stdout + stderr).not.toContain(secret);
  }, 40_000);

  it('accepts a pasted callback URL on stdin after rejecting a wrong one', async () => {
    const run = runLogin();
    const url = await waitForUrl(run.output);
    run.child.stdin.write('https://example.invalid/callback?code=x&state=wrong\n');
    const redirect = oauth.approve(url, { email: 'paste@example.com' });
    run.child.stdin.write(`${redirect}\n`);
    expect(await run.exited).toBe(0);
    expect(run.output().stderr).toContain('not the callback URL');
    expect(run.output().stdout).toContain('Logged in as paste@example.com');
  }, 40_000);

  it('rejects an unknown provider', async () => {
    const run = spawnCliproxy(['login', 'nope', '--config', join(folder, 'config.yaml')]);
    expect(await run.exited).toBe(1);
  }, 40_000);
});
