import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAntigravityServer, type FakeAntigravityServer } from '../fakes/fake-antigravity-server';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';

let folder: string;
let google: FakeAntigravityServer;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-antigravity-login-'));
  google = await startFakeAntigravityServer();
});
afterEach(async () => {
  await google.close();
  await rm(folder, { recursive: true, force: true });
});

/** The real `cliproxy login antigravity` from source, with Google's endpoints pointed at the strict fake. */
describe('cliproxy login antigravity', () => {
  it('takes the browser callback on /oauth-callback, finds the project and writes the antigravity file without printing secrets', async () => {
    google.setExistingProject('cli-proj');
    const run = spawnCliproxy(['login', 'antigravity', '--no-browser', '--callback-port', '0', '--config', join(folder, 'config.yaml')], google.environment);
    const url = await waitForLine(run.output, /^(http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+)$/m);
    expect(new URL(url).searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);
    const redirect = google.approve(url, 'cli@example.com');
    expect(redirect).toMatch(/^http:\/\/localhost:\d+\/oauth-callback\?/);
    expect((await fetch(redirect.replace('localhost', '127.0.0.1'), { redirect: 'manual' })).status).toBe(302);
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Logged in as cli@example.com (project cli-proj)');
    const saved = JSON.parse(await readFile(join(folder, 'auths', 'antigravity-cli@example.com.json'), 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({ type: 'antigravity', email: 'cli@example.com', project_id: 'cli-proj' });
    const { stdout, stderr } = run.output();
    for (const secret of [saved.access_token, saved.refresh_token, new URL(redirect).searchParams.get('code')]) expect(stdout + stderr).not.toContain(secret);
  });
});
