import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../src-shared/control/tunnel-types';
import { cloudflaredAssetName } from '../../src-proxy/tunnel/download-cloudflared';
import { installFakeCloudflared, type FakeCloudflared } from '../fakes/fake-cloudflared';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

let folder: string;
let fake: FakeCloudflared;
let upstream: FakeOpenAIUpstream;
let proxy: TestEngine | null = null;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-tunnel-'));
  fake = await installFakeCloudflared(folder);
  upstream = await startFakeOpenAIUpstream({ name: 'upstream' });
});

afterAll(async () => {
  await upstream.close();
  await rm(folder, { recursive: true, force: true });
});

afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

/** An engine with one OpenAI-compatible account whose tunnel finds the fake cloudflared on PATH only. */
async function engineWithTunnel(tunnel: Record<string, unknown> = {}, config: Record<string, unknown> = {}): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'openai-compatibility': [compatEntry('fake', upstream.baseUrl, ['up-key-1'], { models: [{ name: 'real-model', alias: 'my-model' }] })], tunnel, ...config },
    { tunnel: { pathEnv: fake.binDir, resolveOrigin: fake.resolveOrigin, readyTimeoutMs: 10_000, restartDelayMs: 50 } },
  );
  return proxy;
}

async function startPublicUrl(engine: TestEngine): Promise<{ status: TunnelStatus; key: string; origin: string }> {
  const status = await engine.engine.control.invoke('tunnel.start', {});
  expect(status.error).toBeNull();
  expect(status.state).toBe('running');
  const { key } = await engine.engine.control.invoke('tunnel.revealKey', {});
  if (key === null || status.publicUrl === null) throw new Error('no key or URL');
  return { status, key, origin: await fake.resolveOrigin(status.publicUrl) };
}

function models(origin: string, key: string | null, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}/v1/models`, { headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...headers } });
}

function waitForTunnel(engine: TestEngine, done: (status: TunnelStatus) => boolean, timeoutMs = 10_000): Promise<TunnelStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tunnel state not reached; last: ${JSON.stringify(engine.engine.tunnel.current())}`)), timeoutMs);
    const off = engine.engine.control.on('tunnel.changed', (status) => {
      if (!done(status)) return;
      clearTimeout(timer);
      off();
      resolve(status);
    });
  });
}

describe('public URL through a (fake) Cloudflare quick tunnel', () => {
  it('shows an https address and the Cursor base URL; the public key is answered, no key and the local key are 401', async () => {
    const engine = await engineWithTunnel();
    const { status, key, origin } = await startPublicUrl(engine);
    expect(status.publicUrl).toMatch(/^https:\/\/[a-z0-9-]+\.trycloudflare\.com$/);
    expect(status.openaiBaseUrl).toBe(`${status.publicUrl}/v1`);
    expect(status.keyMasked).not.toContain(key);
    expect(key.startsWith('sk-cliproxy-public-')).toBe(true);

    const answered = await models(origin, key);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toContain('my-model');
    expect((await models(origin, null)).status).toBe(401);
    // The local tools' key is not a key of the public URL.
    expect((await models(origin, testClientKey)).status).toBe(401);

    const chat = await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'my-model', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(chat.status).toBe(200);
    expect(engine.rawLogs()).not.toContain(key);
  });

  it('never serves management or the control panel through the tunnel listener, whatever the Host header', async () => {
    const engine = await engineWithTunnel({}, { 'remote-management': { 'secret-key': 'a-management-secret-0123', 'allow-remote': true } });
    const { key, origin } = await startPublicUrl(engine);
    const listener = engine.engine.tunnel.localUrl();
    if (listener === null) throw new Error('no listener');
    for (const base of [origin, listener]) {
      for (const host of ['127.0.0.1', 'localhost', 'quiet-river.trycloudflare.com', undefined]) {
        for (const path of ['/v0/management/config', '/v0/management/control/status.get', '/management.html', '/v0/management/api-keys']) {
          const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'x-management-key': 'a-management-secret-0123' };
          if (host) headers.host = host;
          const response = await fetchWithHost(`${base}${path}`, headers);
          expect({ base, host, path, status: response }).toEqual({ base, host, path, status: 404 });
        }
      }
    }
    // The same paths on the main listener are there (so the 404 above is the tunnel listener's doing).
    expect((await fetch(`${engine.origin}/v0/management/config`, { headers: { authorization: 'Bearer a-management-secret-0123' } })).status).toBe(200);
  });

  it('attributes public requests to the public key in the live strip and usage', async () => {
    const engine = await engineWithTunnel();
    const { key } = await startPublicUrl(engine);
    const finished = new Promise<string | null>((resolve) => engine.engine.control.on('request.finished', (summary) => resolve(summary.clientKey)));
    const origin = await fake.resolveOrigin((await engine.engine.control.invoke('tunnel.status', {})).publicUrl ?? '');
    await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'my-model', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(await finished).toMatch(/^public-key-[0-9a-f]{8}$/);
    expect(engine.engine.tunnel.current().requests).toBe(1);
  });

  it('refuses to start while api-keys is empty, and starts no cloudflared', async () => {
    const engine = await engineWithTunnel({}, { 'api-keys': [] });
    const status = await engine.engine.control.invoke('tunnel.start', {});
    expect(status.state).toBe('error');
    expect(status.error).toMatch(/api-keys is empty/);
    expect(status.publicUrl).toBeNull();
    expect(engine.engine.tunnel.localUrl()).toBeNull();
  });

  it('restarts cloudflared when it drops; the same key works on the new address', async () => {
    const engine = await engineWithTunnel();
    const first = await startPublicUrl(engine);
    const restarted = waitForTunnel(engine, (status) => status.state === 'running' && status.restarts === 1);
    process.kill(await fake.pidOf(first.status.publicUrl ?? ''), 'SIGKILL');
    const status = await restarted;
    expect(status.publicUrl).not.toBe(first.status.publicUrl);
    const origin = await fake.resolveOrigin(status.publicUrl ?? '');
    expect((await models(origin, first.key)).status).toBe(200);
    expect((await engine.engine.control.invoke('tunnel.revealKey', {})).key).toBe(first.key);
  });

  it('stops after the idle time without requests and says why', async () => {
    const engine = await engineWithTunnel({ 'idle-stop': '1s' });
    const { status } = await startPublicUrl(engine);
    expect(status.idleStopAt).not.toBeNull();
    const stopped = await waitForTunnel(engine, (next) => next.state === 'off', 5000);
    expect(stopped.error).toMatch(/without requests/);
    expect(engine.engine.tunnel.localUrl()).toBeNull();
  });

  it('revoking the key refuses it at once and hands out a new one', async () => {
    const engine = await engineWithTunnel();
    const { key, origin } = await startPublicUrl(engine);
    expect((await models(origin, key)).status).toBe(200);
    const after = await engine.engine.control.invoke('tunnel.revokeKey', {});
    expect(after.state).toBe('running');
    expect((await models(origin, key)).status).toBe(401);
    const renewed = (await engine.engine.control.invoke('tunnel.revealKey', {})).key;
    expect(renewed).not.toBe(key);
    expect((await models(origin, renewed)).status).toBe(200);
  });

  it('limits the public key to tunnel.rate-limit-per-minute requests (429 with Retry-After)', async () => {
    const engine = await engineWithTunnel({ 'rate-limit-per-minute': 2 });
    const { key, origin } = await startPublicUrl(engine);
    expect((await models(origin, key)).status).toBe(200);
    expect((await models(origin, key)).status).toBe(200);
    const limited = await models(origin, key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('Test calls the public URL as Cursor would and shows the answer, and the model list without a model', async () => {
    const engine = await engineWithTunnel();
    await startPublicUrl(engine);
    const chat = await engine.engine.control.invoke('tunnel.test', { model: 'my-model' });
    expect(chat).toMatchObject({ ok: true, status: 200, answer: 'Hello from upstream', error: null });
    const listed = await engine.engine.control.invoke('tunnel.test', {});
    expect(listed.answer).toMatch(/my-model/);
    const unknown = await engine.engine.control.invoke('tunnel.test', { model: 'no-such-model' });
    expect(unknown.ok).toBe(false);
    expect(unknown.error).not.toBeNull();
  });

  it('a named tunnel runs from its token and shows the hostname the user gave', async () => {
    const engine = await engineWithTunnel({ 'listen-port': 0 });
    // A named tunnel's routes (hostname -> local service) live in Cloudflare's dashboard; here only the connection counts.
    const service = 'http://127.0.0.1:1';
    const status = await engine.engine.control.invoke('tunnel.start', { mode: 'named', token: fake.namedToken('cursor.example.com', service), publicUrl: 'https://cursor.example.com' });
    expect(status).toMatchObject({ state: 'running', mode: 'named', publicUrl: 'https://cursor.example.com', openaiBaseUrl: 'https://cursor.example.com/v1' });
    const saved = await engine.engine.control.invoke('config.read', {});
    expect(saved.text).toMatch(/mode: named/);
  });

  it('stops with the engine', async () => {
    const engine = await engineWithTunnel();
    await startPublicUrl(engine);
    await engine.engine.stop();
    expect(engine.engine.tunnel.current().state).toBe('off');
    expect(engine.engine.tunnel.localUrl()).toBeNull();
  });
});

describe('cloudflared missing from PATH', () => {
  it('downloads the official build on demand (verified), shows progress, and runs it', async () => {
    const script = await readFile(fake.path);
    const release = await serveRelease(script, sha256(script));
    try {
      proxy = await startTestEngine(
        { tunnel: {} },
        { tunnel: { pathEnv: '', releaseUrl: release.url, readyTimeoutMs: 10_000, resolveOrigin: async (url) => `http://127.0.0.1:${JSON.parse(await readFile(join(dirname(proxy?.configPath ?? ''), 'bin', 'hosts', `${new URL(url).hostname}.json`), 'utf8')).port}` } },
      );
      const seen: TunnelStatus[] = [];
      proxy.engine.control.on('tunnel.changed', (status) => seen.push(status));
      const status = await proxy.engine.control.invoke('tunnel.start', {});
      expect(status.state).toBe('running');
      expect(seen.some((step) => step.state === 'downloading' && (step.download?.receivedBytes ?? 0) === script.length)).toBe(true);
      const { key } = await proxy.engine.control.invoke('tunnel.revealKey', {});
      expect((await proxy.engine.control.invoke('tunnel.test', {})).ok).toBe(true);
      expect(key).not.toBeNull();
    } finally {
      release.close();
    }
  });

  it('a failed download is a clear error, not a hang, and no binary is kept', async () => {
    const script = await readFile(fake.path);
    const release = await serveRelease(script, 'f'.repeat(64));
    try {
      proxy = await startTestEngine({ tunnel: {} }, { tunnel: { pathEnv: '', releaseUrl: release.url } });
      const status = await proxy.engine.control.invoke('tunnel.start', {});
      expect(status.state).toBe('error');
      expect(status.error).toMatch(/cloudflared is not installed and could not be downloaded: .*SHA-256/);
      await expect(readFile(join(dirname(proxy.configPath), 'bin', 'cloudflared'))).rejects.toThrow();
      expect(proxy.engine.tunnel.localUrl()).toBeNull();
    } finally {
      release.close();
    }
  });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A local stand-in for GitHub's latest-release API and asset host, serving one asset for this platform. */
async function serveRelease(asset: Buffer, checksum: string): Promise<{ url: string; close(): void }> {
  const name = cloudflaredAssetName(process.platform, process.arch) ?? 'unsupported';
  const server = createServer((request, response) => {
    if (request.url === '/asset') return void response.writeHead(200).end(asset);
    const body = JSON.stringify({ tag_name: 'fake', body: `### SHA256 Checksums:\n${name}: ${checksum}\n`, assets: [{ name, browser_download_url: `${origin}/asset` }] });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/release`, close: () => server.close() };
}

/** fetch() forbids setting Host; node:http does not. Returns the status. */
async function fetchWithHost(url: string, headers: Record<string, string>): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const call = request(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.on('error', reject);
    call.end();
  });
}
