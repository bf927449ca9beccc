import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCliproxy, waitForLine } from './spawn-cliproxy';

/**
 * bench/README.md "Start time": `cliproxy serve` loads only what serving needs. Packages for rarer work are
 * loaded when that work first comes (ws at the first WebSocket upgrade, bcryptjs at the first management key
 * hash or check, pg for a team store, undici's index at the first `request`/`fetch` of the Doctor, management or
 * tunnel), and fastify's JSON-schema compilers never (no route declares one).
 */
let folder: string;
/** Package names, and each package's files by their path under node_modules. */
let loaded: Set<string>;
let loadedFiles: Set<string>;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-start-packages-'));
  const listFile = join(folder, 'loaded.txt');
  const preload = new URL('./record-loaded-packages.mjs', import.meta.url).href;
  const server = spawnCliproxy(['serve', '--config', join(folder, 'config.yaml'), '--port', '0'], {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`,
    CLIPROXY_LOADED_PACKAGES_FILE: listFile,
  });
  const origin = await waitForLine(server.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const key = /API key:\s+(\S+)/.exec(server.output().stdout)?.[1] ?? '';
  const models = await request(`${origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  expect(models.statusCode).toBe(200);
  await models.body.dump();
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  loadedFiles = new Set((await readFile(listFile, 'utf8')).split('\n').filter(Boolean));
  loaded = new Set([...loadedFiles].map((file) => /^(@[^/]+\/)?[^/]+/.exec(file)?.[0] ?? file));
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('cliproxy serve, started and serving', () => {
  it('has loaded the packages serving needs (the recorder sees both module kinds)', () => {
    for (const name of ['fastify', 'undici', 'yaml', 'zod', 'pino', 'better-sqlite3']) expect(loaded).toContain(name);
  });

  it('has not loaded fastify schema compilers, ws, bcryptjs or pg', () => {
    for (const name of ['@fastify/ajv-compiler', 'ajv', '@fastify/fast-json-stringify-compiler', 'ws', 'bcryptjs', 'pg']) expect(loaded).not.toContain(name);
  });

  it("has loaded undici's dispatchers, not its index (fetch, WebSocket, cache: src-proxy/http/undici-lean.ts)", () => {
    expect(loadedFiles).toContain('undici/lib/dispatcher/agent.js');
    expect(loadedFiles).not.toContain('undici/index.js');
    expect(loadedFiles).not.toContain('undici/lib/web/fetch/index.js');
  });
});
