import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';

/**
 * `cliproxy container`, the image's entrypoint, as plain Node (no Docker engine here). The image paths
 * (/CLIProxyAPI, /data) are covered by src-proxy/container/plan-container-serve.test.ts; here
 * CLIPROXY_CONFIG and CLIPROXY_AUTH_DIR point into a temp folder, as a compose file may set them.
 */
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('cliproxy container', () => {
  it('creates the config on first run, listens on every interface because it has a client key, answers, and drains on SIGTERM', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-container-'));
    folders.push(folder);
    const configPath = join(folder, 'mounted', 'config.yaml');
    const server = spawnCliproxy(['container', '--port', '0'], { CLIPROXY_CONFIG: configPath, CLIPROXY_AUTH_DIR: join(folder, 'auths'), HOME: folder });
    try {
      const port = await waitForLine(server.output, /listening on http:\/\/[^\s]*:(\d+)/, 40_000);
      const { stdout } = server.output();
      expect(stdout).toContain(`config: ${configPath}`);
      expect(stdout).toContain('host: 0.0.0.0\n');
      const key = /API key:\s+(\S+)/.exec(stdout)?.[1];
      expect(key).toMatch(/^sk-cliproxy-/);
      const health = await request(`http://127.0.0.1:${port}/healthz`);
      expect(health.statusCode).toBe(200);
      await health.body.dump();
      const models = await request(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
      expect(models.statusCode).toBe(200);
      await models.body.dump();
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  }, 60_000);
});
