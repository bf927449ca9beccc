import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { formatCpaLogLine } from '../../src-proxy/logging/format-cpa-log-line';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/** docs/config.md#request-log-files request-log files and docs/management-api.md#logs log routes through a real engine and a fake upstream. */
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

/** Waits until the log file named by `filter` exists and holds `marker` (files are written after the reply). */
async function waitForLog(filter: (name: string) => boolean, marker: string): Promise<string> {
  let text = '';
  await expect
    .poll(async () => {
      const [name] = await logFiles(filter);
      text = name ? await readFile(join(logsDir, name), 'utf8') : '';
      return text.includes(marker);
    })
    .toBe(true);
  return text;
}

function expectNoSecret(text: string): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('request-log: true', () => {
  it('writes one file per request with every section and no key, token or secret in it', async () => {
    const before = await logFiles((name) => name.startsWith('v1-chat-completions-'));
    const response = await chat({ model: 'my-model', messages: [{ role: 'user', content: `say hi ${testClientKey}` }] });
    expect(response.status).toBe(200);
    await response.text();
    const isNew = (name: string) => name.startsWith('v1-chat-completions-') && !before.includes(name);
    const text = await waitForLog(isNew, '=== RESPONSE ===');
    expect(await logFiles(isNew)).toHaveLength(1);
    expect((await logFiles(isNew))[0]).toMatch(/^v1-chat-completions-\d{4}-\d{2}-\d{2}T\d{6}-[A-Za-z0-9-]+\.log$/);
    for (const section of ['=== REQUEST INFO ===', '=== HEADERS ===', '=== REQUEST BODY ===', '=== API REQUEST ===', '=== API RESPONSE ===', '=== RESPONSE ===']) expect(text).toContain(section);
    expect(text).toContain('say hi');
    expect(text).toContain('"model":"real-model"');
    expect(text).toContain('Hello from upstream');
    expect(text).toContain('authorization: Bearer sk-t...89');
    expectNoSecret(text);
  });

  it('appends every chunk of a streamed reply to the file', async () => {
    upstream.enqueue({ kind: 'slow-stream', chunks: 5, chunkDelayMs: 20 });
    const before = await logFiles((name) => name.startsWith('v1-chat-completions-'));
    const response = await chat({ model: 'my-model', stream: true, messages: [{ role: 'user', content: 'stream please' }] });
    const body = await response.text();
    const isNew = (name: string) => name.startsWith('v1-chat-completions-') && !before.includes(name);
    const text = await waitForLog(isNew, '[DONE]');
    const dataLines = body.split('\n').filter((line) => line.startsWith('data: '));
    expect(dataLines.length).toBeGreaterThan(5);
    for (const line of dataLines) expect(text).toContain(line);
    expect(text).toContain('=== API RESPONSE ===');
    expectNoSecret(text);
  });

  it('masks a ?key= client key in the URL of a Gemini call and names the file after its path', async () => {
    const before = await logFiles((name) => name.startsWith('v1beta-models-'));
    const response = await fetch(`${proxy.origin}/v1beta/models/my-model:generateContent?key=${testClientKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi from gemini' }] }] }),
    });
    expect(response.status).toBe(200);
    await response.text();
    const isNew = (name: string) => name.startsWith('v1beta-models-my-model-generateContent-') && !before.includes(name);
    const text = await waitForLog(isNew, '=== RESPONSE ===');
    expect(text).toContain('URL: /v1beta/models/my-model:generateContent?key=sk-t...89');
    expect(text).toContain('hi from gemini');
    expectNoSecret(text);
  });

  it('logs what the client received for a translated stream (Anthropic client, OpenAI upstream)', async () => {
    const before = await logFiles((name) => name.startsWith('v1-messages-'));
    const response = await fetch(`${proxy.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': testClientKey, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'my-model', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = await response.text();
    const isNew = (name: string) => name.startsWith('v1-messages-') && !before.includes(name);
    const text = await waitForLog(isNew, 'message_stop');
    expect(text).toContain('x-api-key: sk-t...89');
    const events = body.split('\n\n').filter((event) => event.trim() !== '');
    expect(events.length).toBeGreaterThan(3);
    const clientPart = text.slice(text.indexOf('=== RESPONSE ==='));
    for (const event of events) expect(clientPart).toContain(event);
    expectNoSecret(text);
  });

  it('lists no error logs while request-log is on', async () => {
    expect(await (await management('/request-error-logs')).json()).toEqual({ files: [] });
  });
});

describe('request-log: false', () => {
  beforeEach(() => setRequestLog(false));

  it('writes failed requests as error-*.log, keeps the newest 10, and serves them by name and by id', async () => {
    const successBefore = await logFiles((name) => name.startsWith('v1-chat-completions-'));
    expect((await chat({ model: 'my-model', messages: [{ role: 'user', content: 'fine' }] })).status).toBe(200);
    for (let index = 0; index < 12; index += 1) {
      upstream.enqueue({ kind: 'status', status: 400, body: { error: { message: `bad request ${index}`, type: 'invalid_request_error' } } });
      const response = await chat({ model: 'my-model', messages: [{ role: 'user', content: `failing ${index}` }] });
      expect(response.status).toBe(400);
      await response.text();
    }
    // The listing answers once the error logs of the requests already answered are written and trimmed.
    const listed = (await (await management('/request-error-logs')).json()) as { files: Array<{ name: string; size: number; modified: number }> };
    expect(listed.files).toHaveLength(10);
    expect(await logFiles((name) => name.startsWith('error-'))).toHaveLength(10);
    expect(await logFiles((name) => name.startsWith('v1-chat-completions-') && !successBefore.includes(name))).toEqual([]);
    for (const file of listed.files) expect(file).toEqual({ name: expect.stringMatching(/^error-v1-chat-completions-.+\.log$/), size: expect.any(Number), modified: expect.any(Number) });
    const newest = listed.files[0]?.name ?? '';
    const download = await management(`/request-error-logs/${newest}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${newest}"`);
    const text = await download.text();
    for (const section of ['=== REQUEST INFO ===', '=== REQUEST BODY ===', '=== API REQUEST ===', '=== API ERROR RESPONSE ===', '=== RESPONSE ===']) expect(text).toContain(section);
    expect(text).toContain('bad request 11');
    expectNoSecret(text);

    const id = /-([A-Za-z0-9-]+?)\.log$/.exec(newest.replace(/^error-v1-chat-completions-\d{4}-\d{2}-\d{2}T\d{6}/, ''))?.[1] ?? '';
    const byId = await management(`/request-log-by-id/${id}`);
    expect(byId.status).toBe(200);
    expect(await byId.text()).toBe(text);
  });

  it('writes an error log for a request the proxy refuses itself, but not for management calls', async () => {
    const before = await logFiles((name) => name.startsWith('error-'));
    expect((await chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })).status).toBe(404);
    expect((await management('/request-log-by-id/zzzz-none')).status).toBe(404);
    await management('/request-error-logs');
    expect(await logFiles((name) => name.startsWith('error-') && !before.includes(name))).toHaveLength(1);
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

  it('reads main.log with after and limit as CPA text lines, clears it, and refuses both while logging-to-file is off', async () => {
    await mkdir(logsDir, { recursive: true });
    const now = Math.floor(Date.now() / 1000);
    const line = (seconds: number, text: string) => JSON.stringify({ level: 30, time: seconds * 1000, msg: text });
    const served = (seconds: number, text: string) => formatCpaLogLine(line(seconds, text));
    await writeFile(join(logsDir, 'main-2020-01-01T00-00-00.000.log'), `${line(now - 30, 'old')}\n`);
    await writeFile(join(logsDir, 'main.log'), `${line(now - 20, 'a')}\n${line(now - 10, 'b')}\n${line(now - 5, 'c')}\n`);
    // The engine itself appends to main.log too (logging-to-file is on): its own lines are newer than these.
    const all = (await (await management('/logs')).json()) as { lines: string[]; 'line-count': number };
    expect(all.lines.slice(0, 4)).toEqual([served(now - 30, 'old'), served(now - 20, 'a'), served(now - 10, 'b'), served(now - 5, 'c')]);
    expect(all.lines[1]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] \[--------\] \[info \] a$/);
    // The engine's own request lines carry request id, status and path; an unmatched route its path.
    await fetch(`${proxy.origin}/no-such-route?key=secret-in-query`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = ((await (await management('/logs')).json()) as { lines: string[] }).lines;
    expect(again.some((text) => /\] \[[^\]]+\] \[info \] 200 \| +[\d.]+ms \| GET +"\/v0\/management\/logs"$/.test(text))).toBe(true);
    expect(again.some((text) => /\] \[warn \] 404 \| +[\d.]+ms \| GET +"\/no-such-route"$/.test(text))).toBe(true);
    expect(again.join('\n')).not.toContain('secret-in-query');
    expect(all['line-count']).toBe(all.lines.length);
    const after = (await (await management(`/logs?after=${now - 20}`)).json()) as { lines: string[] };
    expect(after.lines.slice(0, 2)).toEqual([served(now - 10, 'b'), served(now - 5, 'c')]);
    const tail = (await (await management(`/logs?limit=1`)).json()) as { lines: string[]; 'line-count': number };
    expect(tail.lines).toHaveLength(1);
    expect(tail.lines[0]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] \[/);
    expect((await management('/logs?after=yesterday')).status).toBe(400);
    expect(await (await management('/logs', { method: 'DELETE' })).json()).toEqual({ success: true, message: 'Logs cleared successfully', removed: 1 });
    // Emptied: what is there now is only the engine's own line about the DELETE itself.
    expect(await readFile(join(logsDir, 'main.log'), 'utf8')).not.toMatch(/"msg":"(old|a|b|c)"/);

    await proxy.engine.configFile.edit((document) => document.set('logging-to-file', false));
    expect((await management('/logs')).status).toBe(400);
    expect(await (await management('/logs')).json()).toEqual({ error: 'logging to file disabled' });
    expect((await management('/logs', { method: 'DELETE' })).status).toBe(400);
    await proxy.engine.configFile.edit((document) => document.set('logging-to-file', true));
  });
});
