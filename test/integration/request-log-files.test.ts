import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/** Spec 7.2 request-log files and spec 4.8 log routes through a real engine and a fake upstream. */
const managementSecret = 'mgmt-secret-for-request-logs';
const upstreamKey = 'sk-upstream-key-9876543210';
const upstreamToken = 'team-token-abcdefghijklmnop';
const secrets = [testClientKey, managementSecret, upstreamKey, upstreamToken];

let upstream: FakeOpenAIUpstream;
let proxy: TestEngine;
let logsDir: string;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream({ name: 'upstream' });
  proxy = await startTestEngine({
    'request-log': true,
    'logging-to-file': true,
    'remote-management': { 'secret-key': managementSecret },
    'openai-compatibility': [compatEntry('fake', upstream.baseUrl, [upstreamKey], { models: [{ name: 'real-model', alias: 'my-model' }], headers: { 'X-Team-Token': upstreamToken } })],
  });
  logsDir = join(dirname(proxy.configPath), 'logs');
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});
beforeEach(async () => {
  upstream.reset();
  await setRequestLog(true);
});

async function setRequestLog(enabled: boolean): Promise<void> {
  const result = await proxy.engine.configFile.edit((document) => document.set('request-log', enabled));
  expect(result.ok).toBe(true);
}

function chat(body: Record<string, unknown>, path = '/v1/chat/completions'): Promise<Response> {
  return fetch(`${proxy.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', cookie: `session=${managementSecret}` },
    body: JSON.stringify(body),
  });
}

const management = (path: string, init: RequestInit = {}) => fetch(`${proxy.origin}/v0/management${path}`, { ...init, headers: { authorization: `Bearer ${managementSecret}` } });

async function logFiles(filter: (name: string) => boolean): Promise<string[]> {
  return (await readdir(logsDir).catch(() => [] as string[])).filter(filter).sort();
}

function expectNoSecret(text: string): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('request-log: true', () => {
  it('lists no error logs while request-log is on', async () => {
    expect(await (await management('/request-error-logs')).json()).toEqual({ files: [] });
  });
});

describe('request-log: false', () => {
  beforeEach(() => setRequestLog(false));

  it('writes an error log for a request the proxy refuses itself, but not for management calls', async () => {
    const before = await logFiles((name) => name.startsWith('error-'));
    expect((await chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })).status).toBe(404);
    expect((await management('/request-log-by-id/zzzz-none')).status).toBe(404);
    await expect.poll(async () => (await logFiles((name) => name.startsWith('error-') && !before.includes(name))).length).toBe(1);
    const [name] = await logFiles((file) => file.startsWith('error-') && !before.includes(file));
    const text = await readFile(join(logsDir, name ?? ''), 'utf8');
    expect(text).toContain('no-such-model');
    expect(text).toContain('Status: 404');
    expectNoSecret(text);
    expect(await logFiles((file) => file.includes('management'))).toEqual([]);
  });
});

describe('log routes', () => {
  it('refuses names that are not plain error-*.log names and unknown ids', async () => {
    await mkdir(logsDir, { recursive: true });
    for (const name of ['..%2Fconfig.yaml', 'error-..%2F..%2Fconfig.yaml', 'config.yaml', 'error-x.txt', '%2Fetc%2Fpasswd']) {
      expect([400, 404]).toContain((await management(`/request-error-logs/${name}`)).status);
      const body = await (await management(`/request-error-logs/${name}`)).text();
      expect(body).not.toContain('api-keys');
    }
    expect((await management('/request-error-logs/error-absent.log')).status).toBe(404);
    expect((await management('/request-log-by-id/..%2F..%2Fconfig')).status).toBe(400);
    expect((await fetch(`${proxy.origin}/v0/management/request-error-logs`)).status).toBe(401);
  });

  it('reads main.log with after and limit, clears it, and refuses both while logging-to-file is off', async () => {
    await mkdir(logsDir, { recursive: true });
    const now = Math.floor(Date.now() / 1000);
    const line = (seconds: number, text: string) => JSON.stringify({ level: 30, time: seconds * 1000, msg: text });
    await writeFile(join(logsDir, 'main-2020-01-01T00-00-00.000.log'), `${line(now - 30, 'old')}\n`);
    await writeFile(join(logsDir, 'main.log'), `${line(now - 20, 'a')}\n${line(now - 10, 'b')}\n${line(now - 5, 'c')}\n`);
    expect(await (await management('/logs')).json()).toEqual({ lines: expect.any(Array), 'line-count': 4, 'latest-timestamp': now - 5 });
    const page = (await (await management(`/logs?after=${now - 20}&limit=1`)).json()) as { lines: string[]; 'line-count': number };
    expect(page.lines).toEqual([line(now - 5, 'c')]);
    expect((await management('/logs?after=yesterday')).status).toBe(400);
    expect(await (await management('/logs', { method: 'DELETE' })).json()).toEqual({ success: true, message: 'Logs cleared successfully', removed: 1 });
    expect(await readFile(join(logsDir, 'main.log'), 'utf8')).toBe('');

    await proxy.engine.configFile.edit((document) => document.set('logging-to-file', false));
    expect((await management('/logs')).status).toBe(400);
    expect(await (await management('/logs')).json()).toEqual({ error: 'logging to file disabled' });
    expect((await management('/logs', { method: 'DELETE' })).status).toBe(400);
    await proxy.engine.configFile.edit((document) => document.set('logging-to-file', true));
  });
});
