import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProxyError } from '../errors/proxy-error';
import type { UpstreamRequest } from '../providers/provider-definition';
import type { AttemptOutcome } from '../routing/execute-with-retry';
import type { UpstreamReply } from '../http/upstream-reply';
import type { StreamSink } from '../sse/stream-sink';
import { LogsFolder } from './logs-folder';
import { createSecretMasker } from './mask-secrets';
import { RequestRecorder, type RecordingMode } from './request-recorder';

const clientKey = 'sk-client-key-for-recorder-01';
const upstreamKey = 'up-key-for-recorder-0123456';
let dir: string;
let writeErrors: unknown[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'request-recorder-'));
  writeErrors = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function recorder(mode: RecordingMode, id = 'a1b2c3d4', errorLogsMaxFiles = 10): RequestRecorder {
  return new RequestRecorder(
    { mode, folder: new LogsFolder(dir), masker: () => createSecretMasker([clientKey, upstreamKey]), errorLogsMaxFiles, onWriteError: (error) => writeErrors.push(error) },
    {
      id,
      method: 'POST',
      url: `/v1/chat/completions?key=${clientKey}`,
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      startedAt: new Date(2025, 11, 23, 19, 58, 11),
      body: () => ({ model: 'm', messages: [{ role: 'user', content: 'hello' }] }),
    },
  );
}

const upstreamRequest: UpstreamRequest = { method: 'POST', url: 'https://up.example/v1/chat/completions', headers: { authorization: `Bearer ${upstreamKey}` }, body: '{"model":"real"}' };

const busy: AttemptOutcome<UpstreamReply> = {
  ok: false,
  error: new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'Upstream returned 503', httpStatus: 503, retryable: true }),
  failure: { status: 503, body: '{"error":"busy"}', retryAfter: undefined, headers: { 'retry-after': '1' } },
};

function buffered(body: string): AttemptOutcome<UpstreamReply> {
  return { ok: true, value: { kind: 'buffered', status: 200, contentType: 'application/json', headers: { 'content-type': 'application/json' }, body: Buffer.from(body) } };
}

const streaming = {
  ok: true,
  value: { kind: 'streaming', status: 200, contentType: 'text/event-stream', headers: { 'content-type': 'text/event-stream' }, first: Buffer.from('data: {}\n\n') },
} as unknown as AttemptOutcome<UpstreamReply>;

async function files(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
}

/** A client socket stand-in: remembers what was written. */
function memorySink(): StreamSink & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    destroyed: false,
    writeHead: () => undefined,
    write: (chunk) => (written.push(chunk.toString()), true),
    end: () => undefined,
    on: () => undefined,
    off: () => undefined,
  };
}

describe('RequestRecorder', () => {
  it("'full' writes a buffered request's sections in order, masked, named by docs/config.md#request-log-files", async () => {
    const recording = recorder('full');
    recording.recordAttempt(upstreamRequest);
    recording.recordOutcome(busy);
    recording.recordAttempt(upstreamRequest);
    recording.recordOutcome(buffered('{"answer":"hi"}'));
    recording.clientResponse({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"answer":"hi"}' });
    recording.finish(200, false);
    await settled();
    expect(await files()).toEqual(['v1-chat-completions-2025-12-23T195811-a1b2c3d4.log']);
    const text = await readFile(join(dir, 'v1-chat-completions-2025-12-23T195811-a1b2c3d4.log'), 'utf8');
    const order = ['REQUEST INFO', 'HEADERS', 'REQUEST BODY', 'API REQUEST', 'API ERROR RESPONSE', 'API REQUEST', 'API RESPONSE', 'RESPONSE'];
    expect([...text.matchAll(/^=== (.+) ===$/gm)].map((match) => match[1])).toEqual(order);
    expect(text).toContain('Attempt: 2');
    expect(text).toContain('{"error":"busy"}');
    expect(text).toContain('retry-after: 1');
    expect(text).toContain('{"answer":"hi"}');
    expect(text).toContain('"content":"hello"');
    expect(text).not.toContain(clientKey);
    expect(text).not.toContain(upstreamKey);
  });

  it("'full' appends each streamed chunk as it goes to the client and ends the file at close", async () => {
    const recording = recorder('full');
    recording.recordAttempt(upstreamRequest);
    recording.recordOutcome(streaming);
    const sink = memorySink();
    const tapped = recording.tapStream(sink);
    tapped.writeHead(200, { 'content-type': 'text/event-stream' });
    tapped.write('data: {"n":1}\n\n');
    await settled();
    const path = join(dir, 'v1-chat-completions-2025-12-23T195811-a1b2c3d4.log');
    expect(await readFile(path, 'utf8')).toContain('data: {"n":1}');
    tapped.write(Buffer.from(`data: {"n":2,"echo":"${clientKey}"}\n\n`));
    tapped.end();
    recording.finish(200, false);
    await settled();
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/=== RESPONSE ===\nStatus: 200\n[\s\S]*data: \{"n":1\}\n\ndata: \{"n":2,"echo":"sk-c\.\.\.01"\}/);
    expect(sink.written).toEqual(['data: {"n":1}\n\n', `data: {"n":2,"echo":"${clientKey}"}\n\n`]);
  });

  it("'errors' keeps a client response only when it could be written (a failure); 'full' keeps every one", () => {
    expect([200, 304, 399, 400, 502].map((status) => recorder('errors').mayWrite(status))).toEqual([false, false, false, true, true]);
    expect([200, 502].map((status) => recorder('full').mayWrite(status))).toEqual([true, true]);
  });

  it("'errors' writes nothing for a success or a client cancel, error-*.log for a failure, and keeps the newest N", async () => {
    recorder('errors', 'ok000001').finish(200, false);
    recorder('errors', 'gone0001').finish(499, true);
    const sink = memorySink();
    expect(recorder('errors').tapStream(sink)).toBe(sink);
    for (const id of ['fail0001', 'fail0002', 'fail0003']) {
      const recording = recorder('errors', id, 2);
      recording.clientResponse({ status: 502, headers: {}, body: '{"error":"upstream down"}' });
      recording.finish(502, false);
      await settled();
    }
    await settled();
    expect(await files()).toEqual(['error-v1-chat-completions-2025-12-23T195811-fail0002.log', 'error-v1-chat-completions-2025-12-23T195811-fail0003.log']);
    expect(writeErrors).toEqual([]);
  });

  it('keeps exactly the newest 10 error logs when failed requests finish back to back (writes and trims never overlap)', async () => {
    const folder = new LogsFolder(dir);
    // Ids that sort against the finish order, like fastify's random ones: the order must not come from names.
    const ids = Array.from({ length: 12 }, (_, index) => `id${String.fromCharCode(122 - index)}`);
    for (const id of ids) {
      const recording = new RequestRecorder(
        { mode: 'errors', folder, masker: () => createSecretMasker([]), errorLogsMaxFiles: 10, onWriteError: (error) => writeErrors.push(error) },
        { id, method: 'POST', url: '/v1/chat/completions', headers: {}, startedAt: new Date(2025, 11, 23, 19, 58, 11), body: () => ({ n: id }) },
      );
      recording.clientResponse({ status: 400, headers: {}, body: `{"error":"${id}"}` });
      recording.finish(400, false);
    }
    await folder.settled();
    const kept = (await folder.errorLogs()).map((entry) => entry.name);
    expect(kept).toEqual(ids.slice(2).reverse().map((id) => `error-v1-chat-completions-2025-12-23T195811-${id}.log`));
    expect(await files()).toHaveLength(10);
    expect(writeErrors).toEqual([]);
  });

  it('a stopping engine waits for the request logs of connections that just closed (no file lands in a folder being removed)', async () => {
    const folder = new LogsFolder(dir);
    const context = { folder, masker: () => createSecretMasker([]), errorLogsMaxFiles: 10, onWriteError: (error: unknown) => writeErrors.push(error) };
    const request = { method: 'POST', url: '/v1/messages', headers: {}, startedAt: new Date(2025, 11, 23, 19, 58, 11), body: () => ({}) };
    new RequestRecorder({ mode: 'full', ...context }, { id: 'whole001', ...request }).finish(200, false);
    await folder.settled();
    expect(await files()).toEqual(['v1-messages-2025-12-23T195811-whole001.log']);
    new RequestRecorder({ mode: 'errors', ...context }, { id: 'error001', ...request }).finish(500, false);
    await folder.settled();
    expect(await files()).toEqual(['error-v1-messages-2025-12-23T195811-error001.log', 'v1-messages-2025-12-23T195811-whole001.log']);
    expect(writeErrors).toEqual([]);
  });

  it('LogsFolder.settled() waits for a tracked write that is still going', async () => {
    const folder = new LogsFolder(dir);
    let finishWrite = (): void => undefined;
    folder.track(new Promise<void>((resolve) => (finishWrite = resolve)));
    let settledYet = false;
    const waiting = folder.settled().then(() => (settledYet = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settledYet).toBe(false);
    finishWrite();
    await waiting;
    expect(settledYet).toBe(true);
  });

  it('reports a folder it cannot write to instead of throwing', async () => {
    const blocked = new RequestRecorder(
      { mode: 'full', folder: new LogsFolder(join(dir, 'file-not-folder', 'logs')), masker: () => createSecretMasker([]), errorLogsMaxFiles: 10, onWriteError: (error) => writeErrors.push(error) },
      { id: 'x', method: 'POST', url: '/v1/messages', headers: {}, startedAt: new Date(), body: () => undefined },
    );
    await writeFile(join(dir, 'file-not-folder'), '');
    blocked.finish(200, false);
    await settled();
    expect(writeErrors).toHaveLength(1);
  });
});
