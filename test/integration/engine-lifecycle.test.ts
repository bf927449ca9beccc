import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-proxy/index';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, startTestEngine, testClientKey } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const silent = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });

describe('engine lifecycle', () => {
  it('starts, stops, and starts again on the same port', async () => {
    const proxy = await startTestEngine({});
    cleanups.push(() => proxy.close());
    const port = proxy.engine.status().port;
    expect((await request(`${proxy.origin}/healthz`)).statusCode).toBe(200);
    expect((await proxy.engine.stop()).state).toBe('stopped');
    await expect(request(`${proxy.origin}/healthz`)).rejects.toThrow();
    const again = await proxy.engine.start();
    expect(again).toMatchObject({ state: 'running', port });
  });

  it('stop drains an in-flight stream before closing', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'slow' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('slow', upstream.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    upstream.enqueue({ kind: 'slow-stream', chunks: 5, chunkDelayMs: 60 });
    const response = await request(`${proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const stopping = proxy.engine.stop();
    const text = await response.body.text();
    await stopping;
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('reports a busy port as an error a person can act on', async () => {
    const first = await startTestEngine({});
    cleanups.push(() => first.close());
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-busy-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, `host: 127.0.0.1\nport: ${first.engine.status().port}\napi-keys: [k]\n`);
    const second = await createEngine({ configPath, logDestination: silent() });
    const status = await second.start();
    expect(status.state).toBe('error');
    expect(status.error).toContain('already in use');
  });

  it('refuses to open a keyless proxy on a non-loopback address unless allowed', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-open-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, 'host: 0.0.0.0\nport: 8317\napi-keys: []\n');
    const engine = await createEngine({ configPath, logDestination: silent(), overrides: { port: 0 } });
    const status = await engine.start();
    expect(status.state).toBe('error');
    expect(status.error).toContain('--allow-open');
    const allowed = await createEngine({ configPath, logDestination: silent(), overrides: { port: 0 }, allowOpen: true });
    expect((await allowed.start()).state).toBe('running');
    await allowed.close();
  });

  it('logging-to-file writes the log to logs/main.log beside the config, readable only by the user', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-logfile-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, 'host: 127.0.0.1\nport: 8317\napi-keys: [k]\nlogging-to-file: true\n');
    const engine = await createEngine({ configPath, overrides: { port: 0 } });
    const status = await engine.start();
    await (await request(`http://127.0.0.1:${status.port}/healthz`)).body.dump();
    await engine.close();
    const logPath = join(folder, 'logs', 'main.log');
    await expect.poll(async () => (await readFile(logPath, 'utf8').catch(() => '')).includes('"route":"/healthz"'), { timeout: 3000 }).toBe(true);
    expect(((await stat(logPath)).mode & 0o777).toString(8)).toBe('600');
  });

  it('writes keep-alive comments between events while an upstream stream is quiet', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'quiet' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ streaming: { 'keepalive-seconds': 1 }, 'openai-compatibility': [compatEntry('q', upstream.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    upstream.enqueue({ kind: 'slow-stream', chunks: 2, chunkDelayMs: 2300 });
    const response = await request(`${proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.body.text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.filter((event) => event === ': keep-alive').length).toBeGreaterThanOrEqual(2);
    expect(events.every((event) => event === ': keep-alive' || event.startsWith('data: '))).toBe(true);
  }, 15_000);
});
