import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * The routes Codex CLI calls besides `POST /v1/responses`: `/v1/responses/compact`, and the
 * `/backend-api/codex/...` paths it uses when its `chatgpt_base_url` points at the proxy (POST, compact,
 * and the Responses WebSocket). Real sockets; the Codex upstream is the strict Codex backend fake.
 */
let codex: FakeResponsesUpstream;
let anthropic: FakeAnthropicUpstream;
let proxy: TestEngine;

beforeAll(async () => {
  codex = await startFakeResponsesUpstream({ name: 'codex-up', strictCodex: true, chunks: 1 });
  anthropic = await startFakeAnthropicUpstream({ name: 'anthropic-up' });
  proxy = await startTestEngine({
    'codex-api-key': [{ 'api-key': 'sk-codex', 'base-url': codex.codexBaseUrl, models: [{ name: 'gpt-5.4', alias: 'gpt-5.4' }] }],
    'claude-api-key': [{ 'api-key': 'sk-ant', 'base-url': anthropic.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'claude-sonnet-4-5' }] }],
  });
});
afterAll(async () => {
  await proxy?.close();
  await Promise.all([codex?.close(), anthropic?.close()]);
});
beforeEach(() => {
  codex.reset();
  anthropic.reset();
});

const auth = { 'content-type': 'application/json', authorization: `Bearer ${testClientKey}` };
/** What Codex CLI sends to compact a conversation: the history, its instructions and tools, no stream. */
const compactBody = {
  model: 'gpt-5.4',
  instructions: 'You are Codex.',
  input: [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Fix the bug' }] },
    { type: 'compaction', encrypted_content: 'gAAAAolder' },
  ],
  tools: [],
  parallel_tool_calls: true,
};

async function post(path: string, body: unknown, headers: Record<string, string> = auth): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${proxy.origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('POST /v1/responses/compact and /backend-api/codex/responses/compact', () => {
  it.each(['/v1/responses/compact', '/backend-api/codex/responses/compact'])('%s forwards the compaction to {base}/responses/compact without stream and returns its answer unchanged', async (path) => {
    const reply = await post(path, { ...compactBody, stream: false });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ object: 'response.compaction', output: [{ type: 'compaction', encrypted_content: expect.stringMatching(/^gAAAAcompact\d+$/) }] });
    const sent = codex.requests[0];
    expect(sent?.path).toBe('/backend-api/codex/responses/compact');
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer sk-codex', accept: 'application/json' });
    expect(sent?.body).toMatchObject({ model: 'gpt-5.4', instructions: 'You are Codex.', input: compactBody.input });
    expect(sent?.body).not.toHaveProperty('stream');
  });

  it('refuses stream: true with a 400 in the Responses error format, before any upstream call', async () => {
    const reply = await post('/v1/responses/compact', { ...compactBody, stream: true });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: { message: 'Streaming not supported for compact responses', type: 'invalid_request_error', code: null, param: 'stream' } });
    expect(codex.requests).toHaveLength(0);
  });

  it('answers a model served only by a non-Codex account with a 501 in the Responses error format', async () => {
    const reply = await post('/v1/responses/compact', { ...compactBody, model: 'claude-sonnet-4-5' });
    expect(reply.status).toBe(501);
    expect(reply.json).toMatchObject({ error: { type: 'invalid_request_error', param: 'model', message: expect.stringContaining('/responses/compact not supported') } });
    expect(anthropic.requests).toHaveLength(0);
  });

  it('needs the client key like every /v1 route', async () => {
    const reply = await post('/backend-api/codex/responses/compact', compactBody, { 'content-type': 'application/json' });
    expect(reply.status).toBe(401);
    expect(codex.requests).toHaveLength(0);
  });
});

describe('POST /backend-api/codex/responses', () => {
  it('serves Codex CLI with chatgpt_base_url pointing at the proxy, as POST /v1/responses does', async () => {
    const reply = await post('/backend-api/codex/responses', { model: 'gpt-5.4', instructions: 'x', input: 'Hi', store: false });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ object: 'response', status: 'completed', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hello from codex-up' }] }] });
    expect(codex.requests[0]?.body).toMatchObject({ stream: true, store: false });
  });

  it('streams, and answers a model it does not serve with a Responses 404', async () => {
    const response = await fetch(`${proxy.origin}/backend-api/codex/responses`, { method: 'POST', headers: auth, body: JSON.stringify({ model: 'gpt-5.4', input: 'Hi', stream: true }) });
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(text).toContain('"delta":"Hello from codex-up"');
    expect(text).toContain('event: response.completed');
    const unknown = await post('/backend-api/codex/responses', { model: 'no-such-model', input: 'Hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 'model_not_found' } });
  });

  it('needs the client key', async () => {
    const reply = await post('/backend-api/codex/responses', { model: 'gpt-5.4', input: 'Hi' }, { 'content-type': 'application/json' });
    expect(reply.status).toBe(401);
  });
});

describe('GET /backend-api/codex/responses (WebSocket)', () => {
  const url = () => `${proxy.origin.replace(/^http/, 'ws')}/backend-api/codex/responses`;

  it('runs response.create over the Responses WebSocket at the Codex backend path', async () => {
    const socket = new WebSocket(url(), { headers: { authorization: `Bearer ${testClientKey}` } });
    try {
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      const frames: Array<Record<string, unknown>> = [];
      const done = new Promise<void>((resolve) => {
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as Record<string, unknown>;
          frames.push(frame);
          if (frame.type === 'response.completed' || frame.type === 'error') resolve();
        });
      });
      socket.send(JSON.stringify({ type: 'response.create', model: 'gpt-5.4', instructions: '', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }] }));
      await done;
      expect(frames[0]?.type).toBe('response.created');
      expect(frames.at(-1)?.type).toBe('response.completed');
      expect(frames.filter((frame) => frame.type === 'response.output_text.delta').map((frame) => frame.delta).join('')).toBe('Hello from codex-up');
      expect(codex.requests[0]?.body).toMatchObject({ stream: true, store: false });
    } finally {
      socket.close();
    }
  });

  it('refuses an upgrade without the client key (401), and a plain GET names the path (426)', async () => {
    const socket = new WebSocket(url());
    const status = await new Promise<number | undefined>((resolve) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.once('open', () => resolve(undefined));
      socket.once('error', () => resolve(undefined));
    });
    socket.terminate();
    expect(status).toBe(401);
    const plain = await fetch(`${proxy.origin}/backend-api/codex/responses`, { headers: auth });
    expect(plain.status).toBe(426);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toContain('GET /backend-api/codex/responses is the Responses WebSocket endpoint');
  });
});
