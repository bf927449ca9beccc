import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeCloudflared } from '../fakes/fake-cloudflared';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function setUp(config: Record<string, unknown>) {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-cli-tunnel-'));
  folders.push(folder);
  const fake = await installFakeCloudflared(folder);
  const configPath = join(folder, 'config.yaml');
  await writeFile(configPath, stringify({ host: '127.0.0.1', 'auth-dir': join(folder, 'auths'), ...config }), { mode: 0o600 });
  // The fake cloudflared first on PATH; node (its interpreter) stays reachable.
  const env = { PATH: `${fake.binDir}${delimiter}${process.env.PATH ?? ''}` };
  return { fake, configPath, env };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('cliproxy tunnel', () => {
  it('serves, prints the public URL, Cursor base URL and key; the key works through the tunnel; SIGTERM stops cloudflared too', async () => {
    const { fake, configPath, env } = await setUp({ 'api-keys': ['sk-local-key-0123456789'] });
    const run = spawnCliproxy(['tunnel', '--config', configPath, '--port', '0'], env);
    const publicUrl = await waitForLine(run.output, /Public URL:\s+(\S+)/);
    expect(publicUrl).toMatch(/^https:\/\/[a-z0-9-]+\.trycloudflare\.com$/);
    expect(run.output().stdout).toContain(`Cursor base URL: ${publicUrl}/v1`);
    const key = await waitForLine(run.output, /Public key:\s+(\S+)/);
    const origin = await fake.resolveOrigin(publicUrl);
    expect((await fetch(`${origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await fetch(`${origin}/v1/models`)).status).toBe(401);
    const pid = await fake.pidOf(publicUrl);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(isAlive(pid)).toBe(false);
  }, 40_000);

  it('refuses with a clear message and exit 1 while api-keys is empty', async () => {
    const { configPath, env } = await setUp({ 'api-keys': [] });
    const run = spawnCliproxy(['tunnel', '--config', configPath, '--port', '0'], env);
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toMatch(/did not start: .*api-keys is empty/);
  }, 40_000);

  it('tunnel.autostart makes `cliproxy serve` start the public URL too', async () => {
    const { configPath, env } = await setUp({ 'api-keys': ['sk-local-key-0123456789'], tunnel: { autostart: true } });
    const run = spawnCliproxy(['serve', '--config', configPath, '--port', '0'], env);
    expect(await waitForLine(run.output, /Public URL:\s+(\S+)/)).toMatch(/trycloudflare\.com$/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 40_000);
});
