import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCliproxy } from './spawn-cliproxy';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-cli-'));
  folders.push(folder);
  return folder;
}

const run = (args: string[]) => spawnCliproxy(args);

async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('cliproxy validate', () => {
  it('lists every problem with line and column, and exits 1', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'config.yaml');
    await writeFile(path, 'port: "abc"\nrouting:\n  strategy: sideways\napi-keys: [k]\n');
    const { exited, output } = run(['validate', '--config', path]);
    expect(await exited).toBe(1);
    const { stderr } = output();
    expect(stderr).toMatch(/config\.yaml:1:\d+: port:/);
    expect(stderr).toMatch(/config\.yaml:3:\d+: routing\.strategy:/);
  }, 30_000);

  it('reports YAML syntax errors with their position', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'config.yaml');
    await writeFile(path, 'port: 8317\napi-keys: [unclosed\n');
    const { exited, output } = run(['validate', '--config', path]);
    expect(await exited).toBe(1);
    expect(output().stderr).toMatch(/config\.yaml:\d+:\d+:/);
  }, 30_000);
});

describe('cliproxy serve', () => {
  it('creates a safe config on first run, serves, and exits 0 on SIGTERM', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'config.yaml');
    const server = run(['serve', '--config', path, '--port', '0']);
    await waitFor(() => server.output().stdout.includes('listening on'));
    const { stdout } = server.output();
    const key = /API key:\s+(\S+)/.exec(stdout)?.[1];
    const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    expect(key).toMatch(/^sk-cliproxy-/);
    expect(origin).toBeDefined();
    expect(((await stat(path)).mode & 0o777).toString(8)).toBe('600');
    expect(await readFile(path, 'utf8')).toContain(key as string);
    const models = await request(`${origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect(models.statusCode).toBe(200);
    await models.body.dump();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 30_000);

  it('the banner names the control panel and how to set a key; set-management-key on the side signs the panel in without a restart', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'config.yaml');
    const server = run(['serve', '--config', path, '--port', '0']);
    await waitFor(() => server.output().stdout.includes('Control panel:'), 40_000);
    const { stdout } = server.output();
    const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    expect(stdout).toMatch(/^Control panel: (http:\/\/127\.0\.0\.1:\d+\/management\.html|not built)/m);
    expect(stdout).toContain('cliproxy set-management-key');
    const key = 'panel-key-0123456789';
    const setter = run(['set-management-key', '--config', path]);
    setter.child.stdin.end(`${key}\n`);
    expect(await setter.exited).toBe(0);
    expect(`${setter.output().stdout}${setter.output().stderr}${server.output().stdout}`).not.toContain(key);
    // The engine's file watcher applies the new secret: the management API now exists and takes the key.
    let status = 0;
    const started = Date.now();
    while (status !== 200 && Date.now() - started < 15_000) {
      const answer = await request(`${origin}/v0/management/config`, { headers: { authorization: `Bearer ${key}` } });
      status = answer.statusCode;
      await answer.body.dump();
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 90_000);

  it('refuses a bad --port with a clear message', async () => {
    const folder = await tempFolder();
    const { exited, output } = run(['serve', '--config', join(folder, 'c.yaml'), '--port', 'lots']);
    expect(await exited).toBe(1);
    expect(output().stderr).toContain('--port');
  }, 30_000);
});
