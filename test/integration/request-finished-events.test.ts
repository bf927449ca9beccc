import { createHash } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import type { BuildServerOptions } from '../../src-proxy/server/build-server';
import type { RequestFinished } from '../../src-proxy/server/server-deps';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeGeminiUpstream } from '../fakes/fake-gemini-upstream';
import type { FakeGeminiUpstream } from '../fakes/fake-gemini-types';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * Every finished request reports complete facts (RequestFinished): a real engine with fake upstreams and
 * the official SDKs as clients. The engine hands its events to ServerDeps.onRequestFinished; this file
 * records them by wrapping that callback where the engine builds its server.
 */
const finished = vi.hoisted(() => [] as RequestFinished[]);
vi.mock('../../src-proxy/server/build-server', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src-proxy/server/build-server')>();
  return {
    buildServer: (options: BuildServerOptions) => {
      const forward = options.deps.onRequestFinished;
      const onRequestFinished = (event: RequestFinished) => {
        finished.push(event);
        forward(event);
      };
      return actual.buildServer({ ...options, deps: { ...options.deps, onRequestFinished } });
    },
  };
});

const clientKeyLabel = `key-${createHash('sha256').update(testClientKey).digest('hex').slice(0, 8)}`;

let openai: FakeOpenAIUpstream;
let anthropic: FakeAnthropicUpstream;
let gemini: FakeGeminiUpstream;
let codex: FakeResponsesUpstream;
let proxy: TestEngine;

beforeAll(async () => {
  openai = await startFakeOpenAIUpstream({ name: 'oa' });
  anthropic = await startFakeAnthropicUpstream({ name: 'an' });
  gemini = await startFakeGeminiUpstream({ name: 'ge' });
  codex = await startFakeResponsesUpstream({ name: 'cx' });
  proxy = await startTestEngine(
    {
      routing: { strategy: 'fill-first' },
      'disable-cooling': true,
      'openai-compatibility': [compatEntry('oa', openai.baseUrl, ['k1', 'k2'], { models: [{ name: 'oa-upstream', alias: 'oa-model' }] })],
      'claude-api-key': [{ 'api-key': 'k-an', 'base-url': anthropic.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'an-model' }] }],
      'gemini-api-key': [{ 'api-key': 'k-ge', 'base-url': gemini.baseUrl, models: [{ name: 'gemini-2.5-flash', alias: 'ge-model' }] }],
    },
    { authFiles: { 'codex-a.json': codexFile() }, oauthEndpoints: { codex: { apiBase: codex.codexBaseUrl } } },
  );
});

afterAll(async () => {
  await proxy.close();
  await Promise.all([openai.close(), anthropic.close(), gemini.close(), codex.close()]);
});

beforeEach(() => {
  finished.length = 0;
  openai.reset();
  anthropic.reset();
  gemini.reset();
  codex.reset();
});

function codexFile(): Record<string, unknown> {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { email: 'cx@example.com', 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-cx', chatgpt_plan_type: 'plus' } };
  return {
    type: 'codex',
    id_token: `${part({ alg: 'none' })}.${part(claims)}.sig`,
    access_token: 'codex-access',
    refresh_token: 'unused',
    account_id: 'acct-cx',
    email: 'cx@example.com',
    expired: formatAuthTime(Date.now() + 30 * 86_400_000),
    last_refresh: formatAuthTime(Date.now()),
  };
}

/** The one event of the request just made (emitted when its connection closes, so it may trail the reply). */
async function onlyEvent(): Promise<RequestFinished> {
  await expect.poll(() => finished.length, { timeout: 3000 }).toBe(1);
  return finished[0] as RequestFinished;
}

/** The fields every proxied request has whatever happened. */
function expectTimings(event: RequestFinished): void {
  expect(event.startedAt).toBeGreaterThan(Date.now() - 10_000);
  expect(event.latencyMs).toBeGreaterThan(0);
  expect(event.ttfbMs).toBeGreaterThan(0);
  expect(event.ttfbMs).toBeLessThanOrEqual(event.latencyMs);
  expect(event.id).toEqual(expect.any(String));
}

const openaiClient = () => new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'Hello there' }];
const oaFacts = { clientKey: clientKeyLabel, provider: 'openai-compatible', accountLabel: 'oa #1', model: 'oa-model', upstreamModel: 'oa-upstream' };

describe('OpenAI chat pass-through', () => {
  it('buffered: tokens from the upstream usage, first credential, one attempt', async () => {
    const completion = await openaiClient().chat.completions.create({ model: 'oa-model', messages });
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...oaFacts, route: '/v1/chat/completions', clientProtocol: 'openai-chat', stream: false, status: 200, attempts: 1, error: null });
    expect(event.credential).toEqual(expect.any(String));
    expect(event.tokens).toEqual({ input: completion.usage?.prompt_tokens, output: completion.usage?.completion_tokens, cached: 0, reasoning: 0, total: completion.usage?.total_tokens });
    expect(event.tokens?.total).toBeGreaterThan(0);
    expectTimings(event);
  });

  it('streamed with include_usage: tokens from the usage chunk', async () => {
    const stream = await openaiClient().chat.completions.create({ model: 'oa-model', messages, stream: true, stream_options: { include_usage: true } });
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...oaFacts, stream: true, status: 200, attempts: 1, error: null });
    expect(event.tokens).toEqual({ input: usage?.prompt_tokens, output: usage?.completion_tokens, cached: 0, reasoning: 0, total: usage?.total_tokens });
    expectTimings(event);
  });

  it('a retried request counts both attempts and reports the credential that answered', async () => {
    await openaiClient().chat.completions.create({ model: 'oa-model', messages });
    const firstCredential = (await onlyEvent()).credential;
    finished.length = 0;
    openai.enqueue({ kind: 'status', status: 500 });
    await openaiClient().chat.completions.create({ model: 'oa-model', messages });
    const event = await onlyEvent();
    expect(event).toMatchObject({ status: 200, attempts: 2, accountLabel: 'oa #2', provider: 'openai-compatible', error: null });
    expect(event.credential).toEqual(expect.any(String));
    expect(event.credential).not.toBe(firstCredential);
    expect(event.tokens?.total).toBeGreaterThan(0);
  });

  it('an upstream 4xx: its status and the message the client was shown, no tokens', async () => {
    openai.enqueue({ kind: 'status', status: 400, body: { error: { message: 'max_tokens is too large\nsecond line', type: 'invalid_request_error' } } });
    const failure = await openaiClient()
      .chat.completions.create({ model: 'oa-model', messages })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...oaFacts, status: 400, attempts: 1, tokens: null, error: 'max_tokens is too large' });
    expectTimings(event);
  });

  it('a stream that breaks after its first byte keeps the status the client got and reports the error', async () => {
    openai.enqueue({ kind: 'reset-mid-stream', afterChunks: 2 });
    const response = await request(`${proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'oa-model', stream: true, messages }),
    });
    expect(await response.body.text()).toContain('error');
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...oaFacts, stream: true, status: 200, attempts: 1, tokens: null });
    expect(event.error).toMatch(/^Upstream connection failed/);
    expectTimings(event);
  });

  it('a client that leaves mid-stream is a 499 with the bytes it got timed', async () => {
    openai.enqueue({ kind: 'slow-stream', chunks: 50, chunkDelayMs: 50 });
    const controller = new AbortController();
    const response = await request(`${proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'oa-model', stream: true, messages }),
    });
    for await (const _chunk of response.body) {
      controller.abort();
      break;
    }
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...oaFacts, stream: true, status: 499, attempts: 1, tokens: null, error: 'The client closed the connection.' });
    expectTimings(event);
  });
});

describe('Anthropic pass-through', () => {
  it('streamed: input tokens from message_start, output tokens from message_delta', async () => {
    const client = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0 });
    const message = await client.messages.stream({ model: 'an-model', max_tokens: 100, messages }).finalMessage();
    const event = await onlyEvent();
    expect(event).toMatchObject({ clientProtocol: 'anthropic-messages', provider: 'claude-api', model: 'an-model', upstreamModel: 'claude-sonnet-4-5', stream: true, status: 200 });
    const { input_tokens: input, output_tokens: output } = message.usage;
    expect(output).toBeGreaterThan(1);
    expect(event.tokens).toEqual({ input, output, cached: 0, reasoning: 0, total: input + output });
    expectTimings(event);
  });
});

describe('translated', () => {
  it('Anthropic SDK stream through an OpenAI upstream: canonical usage, Anthropic client protocol', async () => {
    const anthropic = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0 });
    const message = await anthropic.messages.stream({ model: 'oa-model', max_tokens: 100, messages }).finalMessage();
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...oaFacts, route: '/v1/messages', clientProtocol: 'anthropic-messages', stream: true, status: 200, attempts: 1, error: null });
    const { input_tokens: input, output_tokens: output } = message.usage;
    expect(input).toBeGreaterThan(0);
    expect(event.tokens).toEqual({ input, output, cached: 0, reasoning: 0, total: input + output });
    expectTimings(event);
  });

  it('a Responses WebSocket request through an OpenAI upstream', async () => {
    const socket = new WebSocket(`${proxy.origin.replace('http', 'ws')}/v1/responses`, { headers: { authorization: `Bearer ${testClientKey}` } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const completed = new Promise<Record<string, unknown>>((resolve) =>
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Record<string, unknown>;
        if (frame.type === 'response.completed') resolve(frame.response as Record<string, unknown>);
      }),
    );
    socket.send(JSON.stringify({ type: 'response.create', model: 'oa-model', input: 'Hello there' }));
    const usage = (await completed).usage as { input_tokens: number; output_tokens: number; total_tokens: number };
    const event = await onlyEvent();
    socket.close();
    expect(event).toMatchObject({ ...oaFacts, route: '/v1/responses', clientProtocol: 'openai-responses', stream: true, status: 200, attempts: 1, error: null });
    expect(event.tokens).toEqual({ input: usage.input_tokens, output: usage.output_tokens, cached: 0, reasoning: 0, total: usage.total_tokens });
    expectTimings(event);
  });
});

describe('Gemini SDK (pass-through to a Gemini API key)', () => {
  const genai = () => new GoogleGenAI({ apiKey: testClientKey, httpOptions: { baseUrl: proxy.origin } });
  const geFacts = { clientKey: clientKeyLabel, provider: 'gemini-api', model: 'ge-model', upstreamModel: 'gemini-2.5-flash', clientProtocol: 'gemini', attempts: 1, status: 200, error: null };

  it('generateContent: tokens from usageMetadata', async () => {
    const reply = await genai().models.generateContent({ model: 'ge-model', contents: 'Hello' });
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...geFacts, route: '/v1beta/models/*', stream: false });
    const usage = reply.usageMetadata;
    expect(event.tokens).toEqual({ input: usage?.promptTokenCount, output: usage?.candidatesTokenCount, cached: 0, reasoning: 0, total: usage?.totalTokenCount });
    expect(event.accountLabel).toEqual(expect.any(String));
    expectTimings(event);
  });

  it('streamGenerateContent: the last chunk usage counts', async () => {
    let usage: { promptTokenCount?: number; candidatesTokenCount?: number; totalTokenCount?: number } | undefined;
    for await (const chunk of await genai().models.generateContentStream({ model: 'ge-model', contents: 'Hello' })) usage = chunk.usageMetadata ?? usage;
    const event = await onlyEvent();
    expect(event).toMatchObject({ ...geFacts, stream: true });
    expect(event.tokens).toEqual({ input: usage?.promptTokenCount, output: usage?.candidatesTokenCount, cached: 0, reasoning: 0, total: usage?.totalTokenCount });
    expectTimings(event);
  });
});

describe('Codex OAuth (the upstream always streams, the client does not)', () => {
  it('a non-stream Responses client: tokens from the response assembled from the stream', async () => {
    const response = await openaiClient().responses.create({ model: 'gpt-5.5', input: 'Hello there' });
    const event = await onlyEvent();
    expect(event).toMatchObject({
      route: '/v1/responses',
      clientProtocol: 'openai-responses',
      clientKey: clientKeyLabel,
      provider: 'codex',
      credential: 'auth:codex-a.json',
      accountLabel: 'codex cx@example.com',
      model: 'gpt-5.5',
      upstreamModel: 'gpt-5.5',
      stream: false,
      status: 200,
      attempts: 1,
      error: null,
    });
    const usage = response.usage;
    expect(event.tokens).toEqual({ input: usage?.input_tokens, output: usage?.output_tokens, cached: 0, reasoning: 0, total: usage?.total_tokens });
    expect(event.tokens?.total).toBeGreaterThan(0);
    expectTimings(event);
  });

  it('a non-stream OpenAI chat client (translated): the same facts', async () => {
    const completion = await openaiClient().chat.completions.create({ model: 'gpt-5.5', messages });
    const event = await onlyEvent();
    expect(event).toMatchObject({ clientProtocol: 'openai-chat', provider: 'codex', upstreamModel: 'gpt-5.5', stream: false, status: 200 });
    expect(event.tokens).toMatchObject({ input: completion.usage?.prompt_tokens, output: completion.usage?.completion_tokens, total: completion.usage?.total_tokens });
  });
});

describe('client auth off', () => {
  it('has no client key label', async () => {
    const open = await startTestEngine({ 'api-keys': [], 'openai-compatibility': [compatEntry('oa', openai.baseUrl, ['k1'])] });
    try {
      await new OpenAI({ baseURL: open.baseUrl, apiKey: 'anything', maxRetries: 0 }).chat.completions.create({ model: 'm', messages });
      const event = await onlyEvent();
      expect(event).toMatchObject({ clientKey: null, status: 200, model: 'm', upstreamModel: 'm' });
    } finally {
      await open.close();
    }
  });
});
