import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-proxy/index';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, startTestEngine, testClientKey } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const hour = 3_600_000;

describe('usage history through the engine', () => {
  it('records proxied requests, answers the UI queries, and keeps them across an engine restart', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'up' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])], 'remote-management': { 'secret-key': 'mgmt-secret-for-tests' } });
    cleanups.push(() => proxy.close());
    const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'one' }] });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'two' }] });

    const range = { from: Math.floor(Date.now() / hour) * hour - hour, to: Date.now() + hour };
    // A request is recorded when its connection is done, just after the client has the answer.
    for (let waited = 0; proxy.engine.status().requestsServed < 2 && waited < 2_000; waited += 20) await delay(20);
    const totals = await proxy.engine.control.invoke('usage.totals', range);
    expect(totals).toMatchObject({ requests: 2, failures: 0 });
    expect(totals.totalTokens).toBeGreaterThan(0);
    const byModel = await proxy.engine.control.invoke('usage.breakdown', { ...range, groupBy: 'model' });
    expect(byModel.map((row) => [row.key, row.requests])).toEqual([['m', 2]]);
    // Without the team store the UI gets no scope switch, and a team question is refused in words.
    expect(proxy.engine.status().teamStore).toBe(false);
    await expect(proxy.engine.control.invoke('usage.totals', { ...range, scope: 'team' })).rejects.toThrow("The team's usage needs the team store (store: postgres)");

    const snapshot = await request(`${proxy.origin}/v0/management/usage`, { headers: { authorization: 'Bearer mgmt-secret-for-tests' } });
    expect(snapshot.statusCode).toBe(200);
    expect(await snapshot.body.json()).toMatchObject({ usage: { total_requests: 2, success_count: 2, failure_count: 0 }, failed_requests: 0 });

    // A new engine on the same config (an app restart) sees the same history.
    await proxy.engine.close();
    const restarted = await createEngine({ configPath: proxy.configPath, overrides: { port: 0 }, logDestination: new Writable({ write: (_chunk, _encoding, callback) => callback() }) });
    cleanups.push(async () => void (await restarted.close()));
    expect(await restarted.control.invoke('usage.totals', range)).toMatchObject({ requests: 2 });
    // The log page after a restart: the earlier requests come from history.
    const recent = await restarted.control.invoke('requests.recent', { limit: 10 });
    expect(recent.map((summary) => [summary.model, summary.status])).toEqual([['m', 200], ['m', 200]]);
    expect(recent[0]?.id).toMatch(/^[0-9a-f]{8}$/);
    expect(recent[0]?.id).not.toBe(recent[1]?.id);
  });

  it('records nothing while usage-statistics-enabled is false (applied live), and queries still answer', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'up' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    const saved = await proxy.engine.configFile.edit((document) => document.set('usage-statistics-enabled', false));
    expect(saved.ok).toBe(true);
    const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'one' }] });
    for (let waited = 0; proxy.engine.status().requestsServed < 1 && waited < 2_000; waited += 20) await delay(20);
    expect(proxy.engine.status().requestsServed).toBe(1);
    expect(await proxy.engine.control.invoke('usage.totals', { from: 0, to: Date.now() + hour })).toMatchObject({ requests: 0 });
  });
});

describe('a damaged usage history file', () => {
  it('is moved aside and the engine starts with a fresh history', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-usage-damaged-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, `host: 127.0.0.1\nport: 8317\napi-keys: [k]\nauth-dir: ${join(folder, 'auths')}\n`);
    await writeFile(join(folder, 'usage.sqlite'), 'this is not a database, it is a text file that got in the way'.repeat(100));
    const engine = await createEngine({ configPath, logDestination: new Writable({ write: (_chunk, _encoding, callback) => callback() }) });
    cleanups.push(async () => void (await engine.close()));
    expect(await engine.control.invoke('usage.totals', { from: 0, to: Date.now() })).toMatchObject({ requests: 0 });
    expect((await readdir(folder)).some((name) => name.startsWith('usage.sqlite.unreadable-'))).toBe(true);
  });
});

describe('SQLite that cannot load in this runtime', () => {
  it('leaves the proxy working without usage history, and says why', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cliproxy-usage-native-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, `host: 127.0.0.1\nport: 8317\napi-keys: [k]\nauth-dir: ${join(folder, 'auths')}\n`);
    // Stands in for a binary built for another Node ABI (e.g. Electron's): dlopen refuses it.
    await writeFile(join(folder, 'not-a-binary.node'), 'not an ELF file');
    let logs = '';
    const engine = await createEngine({
      configPath,
      overrides: { port: 0 },
      sqliteNativeBinding: join(folder, 'not-a-binary.node'),
      logDestination: new Writable({ write: (chunk: Buffer, _encoding, callback) => callback(void (logs += chunk.toString())) }),
    });
    cleanups.push(async () => void (await engine.close()));
    expect((await engine.start()).state).toBe('running');
    await expect(engine.control.invoke('usage.totals', { from: 0, to: Date.now() })).rejects.toThrow('Usage history is off');
    expect(await engine.control.invoke('requests.recent', { limit: 5 })).toEqual([]);
    expect(logs).toContain('usage history is off');
    expect((await readdir(folder)).some((name) => name.includes('unreadable'))).toBe(false);
  });
});
