import { createServer } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-proxy/index';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, startTestEngine, testClientKey } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function chat(baseUrl: string, key: string, body: Record<string, unknown> = { model: 'm', messages: [{ role: 'user', content: 'hi' }] }) {
  const response = await request(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** Polls until `check` passes (the watcher debounces 150 ms), failing after `timeoutMs`. */
async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await delay(50);
    }
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('config hot reload', () => {
  it('applies a valid edit made on disk: a new client key works, the old one stops working', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'up' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    expect((await chat(proxy.baseUrl, testClientKey)).status).toBe(200);

    const text = await readFile(proxy.configPath, 'utf8');
    await writeFile(proxy.configPath, text.replace(testClientKey, 'sk-rotated-key-0000000000'));
    await eventually(async () => {
      expect((await chat(proxy.baseUrl, 'sk-rotated-key-0000000000')).status).toBe(200);
    });
    expect((await chat(proxy.baseUrl, testClientKey)).status).toBe(401);
  });

  it('rejects an invalid edit on disk: the old config keeps serving and the problem is logged and announced', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'up' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    const announced: Array<{ applied: boolean; problems: unknown[] }> = [];
    proxy.engine.control.on('config.changed', (payload) => announced.push(payload));

    const text = await readFile(proxy.configPath, 'utf8');
    await writeFile(proxy.configPath, `${text}\nrequest-retry: lots\n`);
    await eventually(async () => {
      expect(announced).toHaveLength(1);
    });
    expect(announced[0]).toMatchObject({ applied: false, problems: [expect.objectContaining({ path: 'request-retry' })] });
    expect(proxy.rawLogs()).toContain('config change rejected');
    expect(proxy.engine.configFile.lastProblems()).not.toHaveLength(0);
    expect((await chat(proxy.baseUrl, testClientKey)).status).toBe(200);

    await writeFile(proxy.configPath, `${text}\n{ broken yaml\n`);
    await eventually(async () => {
      expect(announced).toHaveLength(2);
    });
    expect((await chat(proxy.baseUrl, testClientKey)).status).toBe(200);
  });

  it('keeps an in-flight stream alive while a change applies, and routes the next request by the new config', async () => {
    const first = await startFakeOpenAIUpstream({ name: 'first' });
    const second = await startFakeOpenAIUpstream({ name: 'second' });
    cleanups.push(() => first.close(), () => second.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('first', first.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    first.enqueue({ kind: 'slow-stream', chunks: 6, chunkDelayMs: 80 });
    const streaming = chat(proxy.baseUrl, testClientKey, { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    await delay(100);

    const text = await readFile(proxy.configPath, 'utf8');
    await writeFile(proxy.configPath, text.replaceAll(first.baseUrl, second.baseUrl));
    const streamed = await streaming;
    expect(streamed.status).toBe(200);
    expect(streamed.text.trim().endsWith('data: [DONE]')).toBe(true);
    await eventually(async () => {
      await chat(proxy.baseUrl, testClientKey);
      expect(second.requests.length).toBeGreaterThan(0);
    });
  });

  it('restarts the listener when the port changes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-reload-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const configPath = join(folder, 'config.yaml');
    const [portA, portB] = [await freePort(), await freePort()];
    await writeFile(configPath, `# my proxy\nhost: 127.0.0.1\nport: ${portA}\napi-keys: [k]\nauth-dir: ${join(folder, 'auths')}\n`);
    const engine = await createEngine({ configPath, logDestination: new Writable({ write: (_chunk, _encoding, callback) => callback() }) });
    cleanups.push(async () => void (await engine.close()));
    await engine.start();
    expect((await request(`http://127.0.0.1:${portA}/healthz`)).statusCode).toBe(200);

    const saved = await engine.configFile.edit((document) => document.set('port', portB));
    expect(saved).toMatchObject({ ok: true, outcome: { listenerRestart: true } });
    await eventually(async () => {
      expect((await request(`http://127.0.0.1:${portB}/healthz`)).statusCode).toBe(200);
    });
    expect(engine.status()).toMatchObject({ state: 'running', port: portB });
    await expect(request(`http://127.0.0.1:${portA}/healthz`)).rejects.toThrow();
    expect(await readFile(configPath, 'utf8')).toContain('# my proxy');
  });

  it('adds and removes an OAuth account when its file appears in and leaves auth-dir', async () => {
    const proxy = await startTestEngine({});
    cleanups.push(() => proxy.close());
    const changes: number[] = [];
    proxy.engine.control.on('accounts.changed', (accounts) => changes.push(accounts.length));
    const file = join(proxy.authDir, 'claude-user@example.com.json');
    await writeFile(file, JSON.stringify({ type: 'claude', email: 'user@example.com', access_token: 'at', refresh_token: 'rt', expired: '2099-01-01T00:00:00Z' }));
    await eventually(async () => {
      const accounts = await proxy.engine.control.invoke('accounts.list', {});
      expect(accounts.map((account) => account.email)).toEqual(['user@example.com']);
    });
    await rm(file);
    await eventually(async () => {
      expect(await proxy.engine.control.invoke('accounts.list', {})).toEqual([]);
    });
    expect(changes.at(-1)).toBe(0);
  });
});

describe('logging settings applied live', () => {
  it('logging-to-file switches the application log to logs/main.log and back without a restart', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'up' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    const saved = await proxy.engine.configFile.edit((document) => document.set('logging-to-file', true));
    expect(saved).toMatchObject({ ok: true, outcome: { restartRequired: [] } });
    expect((await chat(proxy.baseUrl, testClientKey)).status).toBe(200);
    const mainLog = join(proxy.configPath, '..', 'logs', 'main.log');
    await eventually(async () => {
      expect(await readFile(mainLog, 'utf8')).toContain('"route":"/v1/chat/completions"');
    });
    expect(proxy.rawLogs()).not.toContain('"route":"/v1/chat/completions"');

    await proxy.engine.configFile.edit((document) => document.set('logging-to-file', false));
    expect((await chat(proxy.baseUrl, testClientKey)).status).toBe(200);
    await eventually(async () => {
      expect(proxy.rawLogs()).toContain('"route":"/v1/chat/completions"');
    });
  });
});
