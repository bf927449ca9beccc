import Anthropic, { APIError, RateLimitError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { jsonReply, serveCannedResponseDuringTests, sseReply, type CannedReply } from '../../../test/fakes/serve-canned-response';
import type { CanonicalResponse, CanonicalStreamPart } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { createTestContext } from './anthropic-test-context';
import { encodeAnthropicMessagesResponse } from './encode-anthropic-messages-response';
import { createAnthropicMessagesStreamEncoder } from './encode-anthropic-messages-stream';
import { renderAnthropicMessagesError } from './render-anthropic-messages-error';

/**
 * The official SDK as the client of our encoders' output, served by a tiny loopback server: this is
 * what Claude Code and SDK users parse.
 */
let nextReply: CannedReply = { status: 500, headers: {}, body: '' };
const server = serveCannedResponseDuringTests(() => nextReply);

const client = () => new Anthropic({ baseURL: server.origin, apiKey: 'test-key', maxRetries: 0 });
const params = { model: 'claude-opus-4-7', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'weather?' }] };

const response: CanonicalResponse = {
  id: 'msg_sdk1',
  model: 'upstream-model',
  created: 1,
  content: [
    { type: 'reasoning', text: 'Need the tool.', signature: 'EqQBsig', signatureFormat: 'anthropic' },
    { type: 'text', text: 'Checking the weather.' },
    { type: 'tool-call', id: 'toolu_sdk', name: 'get_weather', arguments: '{"city":"Paris"}' },
  ],
  finish: { reason: 'tool-calls' },
  usage: { inputTokens: 40, outputTokens: 12, totalTokens: 52, cachedInputTokens: 30 },
};

const streamParts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'msg_sdk2', model: 'upstream-model', created: 1 },
  { type: 'usage', usage: { inputTokens: 40, cachedInputTokens: 30 } },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, delta: 'Need ' },
  { type: 'reasoning-delta', index: 0, delta: 'the tool.' },
  { type: 'reasoning-signature', index: 0, signature: 'EqQBsig', format: 'anthropic' },
  { type: 'reasoning-end', index: 0 },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, delta: 'Checking ' },
  { type: 'text-delta', index: 1, delta: 'the weather.' },
  { type: 'text-end', index: 1 },
  { type: 'tool-call-start', index: 2, id: 'toolu_sdk', name: 'get_weather' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '"Paris"}' },
  { type: 'tool-call-end', index: 2 },
  { type: 'finish', finish: { reason: 'tool-calls' }, usage: { inputTokens: 40, outputTokens: 12, totalTokens: 52, cachedInputTokens: 30 } },
];

function serveStream(parts: CanonicalStreamPart[]): void {
  const encoder = createAnthropicMessagesStreamEncoder(createTestContext(), { model: 'claude-opus-4-7' });
  const body = parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
  nextReply = sseReply(body, 'text/event-stream; charset=utf-8');
}

const expectedContent = [
  { type: 'thinking', thinking: 'Need the tool.', signature: 'EqQBsig' },
  { type: 'text', text: 'Checking the weather.' },
  { type: 'tool_use', id: 'toolu_sdk', name: 'get_weather', input: { city: 'Paris' } },
];

describe('@anthropic-ai/sdk parses our encoders', () => {
  it('non-stream: messages.create', async () => {
    nextReply = jsonReply(encodeAnthropicMessagesResponse(response, createTestContext(), { model: 'claude-opus-4-7' }));
    const message = await client().messages.create(params);
    expect(message).toMatchObject({
      id: 'msg_sdk1',
      model: 'claude-opus-4-7',
      role: 'assistant',
      content: expectedContent,
      stop_reason: 'tool_use',
      usage: { input_tokens: 10, output_tokens: 12, cache_read_input_tokens: 30 },
    });
  });

  it('stream: messages.stream().finalMessage() accumulates thinking, text and tool input', async () => {
    serveStream(streamParts);
    const stream = client().messages.stream(params);
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const message = await stream.finalMessage();
    expect(texts.join('')).toBe('Checking the weather.');
    expect(message).toMatchObject({
      id: 'msg_sdk2',
      model: 'claude-opus-4-7',
      content: expectedContent,
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 12, cache_read_input_tokens: 30 },
    });
  });

  it('stream: raw events of messages.create({ stream: true })', async () => {
    serveStream(streamParts);
    const stream = await client().messages.create({ ...params, stream: true });
    const types: string[] = [];
    for await (const streamEvent of stream) types.push(streamEvent.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types.filter((type) => type === 'content_block_start')).toHaveLength(3);
  });

  it('stream: an error part is raised by the SDK as an APIError of that type', async () => {
    serveStream([
      streamParts[0] as CanonicalStreamPart,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Part' },
      { type: 'error', error: { message: 'Overloaded', status: 529 } },
    ]);
    const stream = client().messages.stream(params);
    const failure = await stream.finalMessage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).type).toBe('overloaded_error');
  });

  it('errors: a rendered 429 becomes a RateLimitError', async () => {
    const rendered = renderAnthropicMessagesError(
      new ProxyError({ code: 'PX_COOLDOWN', httpStatus: 429, message: 'slow down', retryAfterSeconds: 1 }),
    );
    nextReply = rendered;
    const failure = await client().messages.create(params).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RateLimitError);
    expect((failure as APIError).type).toBe('rate_limit_error');
  });
});
