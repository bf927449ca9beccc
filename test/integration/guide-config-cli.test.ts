import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { parseDocument } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGeminiUpstream } from '../fakes/fake-gemini-upstream';
import { guideConfigPath, readGuideConfig } from '../guide-config';
import { spawnCliproxy } from './spawn-cliproxy';

/**
 * The configuration guide most users copy from, as `cliproxy` meets it. What the file needs from the
 * command line here: `host: ""` (every interface) and `port: 8317` -> `--host 127.0.0.1 --port 0`, so
 * the test binds loopback on a free port; `auth-dir: ~/.cli-proxy-api` -> HOME points at a temp folder;
 * `proxy-url: http://127.0.0.1:7890` would carry every upstream call (no flag overrides it), so the
 * account the test adds says `proxy-url: direct`.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-guide-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `cliproxy serve` on `text` with loopback/free-port flags; resolves with its origin once it listens. */
async function serve(text: string): Promise<string> {
  const folder = await tempFolder();
  const path = join(folder, 'config.yaml');
  await writeFile(path, text, { mode: 0o600 });
  const server = spawnCliproxy(['serve', '--config', path, '--host', '127.0.0.1', '--port', '0'], { HOME: folder });
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  await waitFor(() => server.output().stdout.includes('listening on') || server.child.exitCode !== null);
  const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output().stdout)?.[1];
  if (!origin) throw new Error(`cliproxy serve did not start on the guide's config: ${server.output().stderr}`);
  return origin;
}

describe("the configuration guide's example config", () => {
  it('passes cliproxy validate (warnings at most)', async () => {
    const run = spawnCliproxy(['validate', '--config', guideConfigPath()]);
    const code = await run.exited;
    expect(run.output().stderr).not.toMatch(/^(?!warning: ).+/m);
    expect(code).toBe(0);
    expect(run.output().stdout).toMatch(/: OK/);
    expect(run.output().stderr).toMatch(/warning: .*flat form/);
  }, 30_000);

  it('starts cliproxy serve as written, and answers with its client key', async () => {
    const origin = await serve(readGuideConfig());
    const models = await request(`${origin}/v1/models`, { headers: { authorization: 'Bearer your-api-key-1' } });
    expect(models.statusCode).toBe(200);
    await models.body.dump();
  }, 30_000);

  it('sends a request for its alias "gemini" to an account that serves gemini-2.5-pro', async () => {
    const upstream = await startFakeGeminiUpstream({ name: 'gemini' });
    cleanups.push(() => upstream.close());
    const document = parseDocument(readGuideConfig());
    document.addIn(['gemini-api-key'], document.createNode({ 'api-key': 'fake-gemini-key', 'base-url': upstream.baseUrl, 'proxy-url': 'direct' }));
    const origin = await serve(document.toString());
    const response = await request(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer your-api-key-1', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.body.json()) as { choices?: Array<{ message?: { content?: string } }> };
    expect(response.statusCode).toBe(200);
    expect(body.choices?.[0]?.message?.content).toBeTruthy();
    expect(upstream.requests.map((seen) => seen.path)).toEqual([expect.stringMatching(/^\/v1beta\/models\/gemini-2\.5-pro:generateContent/)]);
  }, 30_000);
});
