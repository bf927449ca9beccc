import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeIFlowOAuthServer, type FakeIFlowOAuthServer } from '../fakes/fake-iflow-oauth-server';

let folder: string;
let oauth: FakeIFlowOAuthServer;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-iflow-login-'));
  oauth = await startFakeIFlowOAuthServer();
});
afterEach(async () => {
  await oauth.close();
  await rm(folder, { recursive: true, force: true });
});

/** The real `cliproxy login iflow` from source, with the iFlow endpoints pointed at the fake. */
function runLogin() {
  return spawnCliproxy(['login', 'iflow', '--no-browser', '--callback-port', '0', '--config', join(folder, 'config.yaml')], { CLIPROXY_IFLOW_AUTHORIZE_URL: oauth.authorizeUrl, CLIPROXY_IFLOW_TOKEN_URL: oauth.tokenUrl, CLIPROXY_IFLOW_USER_INFO_URL: oauth.userInfoUrl });
}

const waitForUrl = (output: () => { stdout: string }) => waitForLine(output, /^(http:\/\/127\.0\.0\.1:\d+\/oauth\?\S+)$/m);

const approve = async (url: string) => (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';

describe('cliproxy login iflow', () => {
  it('prints the URL, takes the browser callback on /oauth2callback, writes iflow-<email>-<unix>.json and prints the email', async () => {
    const run = runLogin();
    const redirect = await approve(await waitForUrl(run.output));
    expect(redirect).toMatch(/^http:\/\/localhost:\d+\/oauth2callback\?/);
    expect((await fetch(redirect.replace('localhost', '127.0.0.1'), { redirect: 'manual' })).status).toBe(302);
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Logged in as ivy@example.com');
    const files = (await readdir(join(folder, 'auths'))).filter((name) => name.startsWith('iflow-'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^iflow-ivy@example\.com-\d+\.json$/);
    const saved = JSON.parse(await readFile(join(folder, 'auths', files[0] ?? ''), 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({ type: 'iflow', email: 'ivy@example.com', api_key: expect.stringMatching(/^sk-iflow-/) });
    const { stdout, stderr } = run.output();
    for (const secret of [saved.access_token, saved.refresh_token, saved.api_key, new URL(redirect).searchParams.get('code')]) expect(stdout + stderr).not.toContain(secret);
  });

  it('accepts the callback URL pasted on stdin after rejecting a wrong one', async () => {
    const run = runLogin();
    const url = await waitForUrl(run.output);
    run.child.stdin.write('http://localhost:11451/oauth2callback?code=x&state=ifl-1\n');
    run.child.stdin.write(`${await approve(url)}\n`);
    expect(await run.exited).toBe(0);
    expect(run.output().stderr).toContain('not the callback URL');
    expect((await readdir(join(folder, 'auths'))).filter((name) => name.startsWith('iflow-'))).toHaveLength(1);
  });
});
