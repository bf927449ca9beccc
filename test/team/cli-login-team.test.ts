import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../src-proxy/cli';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { spawnCliproxy, waitForLine } from '../integration/spawn-cliproxy';
import { askThrough, managementCall, startTeamEngines, useTeamStoreKey } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/** Issue 18: `cliproxy login` with `store: postgres` writes the account to the team's database, not to auth-dir. */
const schema = 'team_cli_login';

describe('cliproxy login on a team server', () => {
  let server: TestPostgres;
  let oauth: FakeOAuthServer;
  let upstream: FakeAnthropicUpstream;
  let folder: string;
  beforeAll(async () => {
    useTeamStoreKey();
    server = await startTestPostgres();
    oauth = await startFakeOAuthServer();
    upstream = await startFakeAnthropicUpstream({ name: 'cli-login' });
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-team-login-'));
  });
  afterAll(async () => {
    await Promise.all([oauth.close(), upstream.close()]);
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('stores the login in the database, where a team engine serves it; nothing is written to auth-dir', async () => {
    const configPath = join(folder, 'config.yaml');
    const authDir = join(folder, 'auths');
    await writeFile(configPath, stringify({ 'auth-dir': authDir, store: { type: 'postgres', dsn: server.dsn, schema } }), { mode: 0o600 });
    const run = spawnCliproxy(['login', 'claude', '--no-browser', '--callback-port', '0', '--config', configPath], {
      CLIPROXY_CLAUDE_AUTHORIZE_URL: oauth.authorizeUrl,
      CLIPROXY_CLAUDE_TOKEN_URL: oauth.tokenUrl,
      CLIPROXY_CLAUDE_PROFILE_URL: oauth.profileUrl,
    });
    const url = await waitForLine(run.output, /^(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)$/m);
    await fetch(oauth.approve(url, { email: 'team-cli@example.com' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(await run.exited, run.output().stderr).toBe(0);
    expect(run.output().stdout).toContain('Logged in as team-cli@example.com');
    expect(existsSync(authDir)).toBe(false);

    const [engine] = await startTeamEngines(server.dsn, schema, 1, { 'request-retry': 0 }, { oauthEndpoints: { claude: { apiBase: upstream.baseUrl } } });
    try {
      const files = ((await managementCall(engine!, '/auth-files')).body as { files: Array<{ name: string }> }).files.map((file) => file.name);
      expect(files).toEqual(['claude-team-cli@example.com.json']);
      expect(await askThrough(engine!, 'claude-sonnet-4-6')).toBe(200);
    } finally {
      await engine?.close();
    }
  }, 60_000);

  it('refuses clearly when the database cannot be reached', async () => {
    const configPath = join(folder, 'unreachable.yaml');
    await writeFile(configPath, stringify({ store: { type: 'postgres', dsn: 'postgres://postgres@127.0.0.1:1/postgres', schema } }), { mode: 0o600 });
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(await runCli(['login', 'claude', '--no-browser', '--config', configPath])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toContain('The team store could not be opened');
  });
});
