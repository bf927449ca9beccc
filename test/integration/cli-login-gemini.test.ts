import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogleServer, type FakeGoogleServer } from '../fakes/fake-google-server';

let folder: string;
let google: FakeGoogleServer;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-gemini-login-'));
  google = await startFakeGoogleServer();
});
afterEach(async () => {
  await google.close();
  await rm(folder, { recursive: true, force: true });
});

/** The real `cliproxy login gemini` from source, with Google's endpoints pointed at the fake. */
function runLogin(extra: string[]) {
  return spawnCliproxy(['login', 'gemini', '--no-browser', '--callback-port', '0', '--config', join(folder, 'config.yaml'), ...extra], { CLIPROXY_GEMINI_AUTHORIZE_URL: google.authorizeUrl, CLIPROXY_GEMINI_TOKEN_URL: google.tokenUrl, CLIPROXY_GEMINI_USERINFO_URL: google.userInfoUrl, CLIPROXY_GEMINI_CODE_ASSIST_URL: google.codeAssistBase });
}

const waitForUrl = (output: () => { stdout: string }) => waitForLine(output, /^(http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/auth\?\S+)$/m);

describe('cliproxy login gemini', () => {
  it('takes the browser callback on /oauth2callback with state-token, onboards --project-id and writes the gemini file', async () => {
    const run = runLogin(['--project-id', 'cli-proj']);
    const url = await waitForUrl(run.output);
    expect(new URL(url).searchParams.get('state')).toBe('state-token');
    const redirect = google.approve(url, 'cli@example.com');
    expect(redirect).toMatch(/^http:\/\/localhost:\d+\/oauth2callback\?/);
    expect((await fetch(redirect.replace('localhost', '127.0.0.1'), { redirect: 'manual' })).status).toBe(302);
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Logged in as cli@example.com (project cli-proj)');
    const saved = JSON.parse(await readFile(join(folder, 'auths', 'gemini-cli@example.com-cli-proj.json'), 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({ type: 'gemini', email: 'cli@example.com', project_id: 'cli-proj' });
    const { stdout, stderr } = run.output();
    for (const secret of [saved.access_token, saved.refresh_token, new URL(redirect).searchParams.get('code')]) expect(stdout + stderr).not.toContain(secret);
  });

  it('accepts a pasted callback URL after rejecting a wrong one', async () => {
    const run = runLogin([]);
    const url = await waitForUrl(run.output);
    run.child.stdin.write('http://localhost:8085/oauth2callback?code=x&state=wrong\n');
    run.child.stdin.write(`${google.approve(url, 'paste@example.com')}\n`);
    expect(await run.exited).toBe(0);
    expect(run.output().stderr).toContain('not the callback URL');
    expect(JSON.parse(await readFile(join(folder, 'auths', 'gemini-paste@example.com-auto-project-1.json'), 'utf8'))).toMatchObject({ type: 'gemini', auto: true });
  });
});
