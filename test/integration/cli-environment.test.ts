import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCliproxy } from './spawn-cliproxy';

/** docs/config.md#environment-variables: CLIPROXY_CONFIG, CLIPROXY_AUTH_DIR and the management key from a file, through the real CLI. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-env-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

async function serve(args: string[], env: Record<string, string>): Promise<string> {
  const server = spawnCliproxy(['serve', '--port', '0', ...args], env);
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  const started = Date.now();
  while (!server.output().stdout.includes('listening on') && server.child.exitCode === null) {
    if (Date.now() - started > 45_000) throw new Error('cliproxy serve did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output().stdout)?.[1];
  if (!origin) throw new Error(`cliproxy serve did not start: ${server.output().stderr}`);
  return origin;
}

const configText = 'host: 127.0.0.1\napi-keys: [client-key]\nauth-dir: ./from-file\nremote-management:\n  secret-key: ""\n';

describe('cliproxy serve configured from the environment', () => {
  it('reads CLIPROXY_CONFIG, serves the auth files of CLIPROXY_AUTH_DIR, and takes the management key from CLIPROXY_MANAGEMENT_KEY_FILE without writing it to the file', async () => {
    const folder = await tempFolder();
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, configText, { mode: 0o600 });
    const authDir = join(folder, 'mounted-auths');
    await mkdir(authDir);
    await writeFile(join(authDir, 'claude-someone.json'), JSON.stringify({ type: 'claude', email: 'someone@example.com', access_token: 'fake', refresh_token: 'fake' }));
    await writeFile(join(folder, 'management-key'), 'key-from-secret\n');
    const origin = await serve([], { CLIPROXY_CONFIG: configPath, CLIPROXY_AUTH_DIR: authDir, CLIPROXY_MANAGEMENT_KEY_FILE: join(folder, 'management-key') });

    const refused = await request(`${origin}/v0/management/auth-files`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.statusCode).toBe(401);
    await refused.body.dump();
    const listed = await request(`${origin}/v0/management/auth-files`, { headers: { authorization: 'Bearer key-from-secret' } });
    expect(listed.statusCode).toBe(200);
    const body = (await listed.body.json()) as { files: Array<{ name: string }> };
    expect(body.files.map((file) => file.name)).toEqual(['claude-someone.json']);
    expect(await readFile(configPath, 'utf8')).toBe(configText);
  }, 60_000);

  it('lets --config win over CLIPROXY_CONFIG', async () => {
    const folder = await tempFolder();
    const flagPath = join(folder, 'flag.yaml');
    await writeFile(flagPath, 'api-keys: [flag-key]\n', { mode: 0o600 });
    const origin = await serve(['--config', flagPath], { CLIPROXY_CONFIG: join(folder, 'env.yaml') });
    const models = await request(`${origin}/v1/models`, { headers: { authorization: 'Bearer flag-key' } });
    expect(models.statusCode).toBe(200);
    await models.body.dump();
    await expect(readFile(join(folder, 'env.yaml'))).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it('refuses to start when both management key variables are set', async () => {
    const folder = await tempFolder();
    const run = spawnCliproxy(['serve', '--config', join(folder, 'c.yaml')], { CLIPROXY_MANAGEMENT_KEY: 'a', CLIPROXY_MANAGEMENT_KEY_FILE: join(folder, 'k') });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toMatch(/CLIPROXY_MANAGEMENT_KEY or CLIPROXY_MANAGEMENT_KEY_FILE, not both/);
  }, 60_000);
});
