import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonReply, serveCannedResponseDuringTests, sseReply, type CannedReply, type CannedRequest } from '../../../test/fakes/serve-canned-response';
import type { CanonicalResponse, CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response';
import { createOpenAIChatStreamEncoder } from './encode-openai-chat-stream';

/**
 * What users run: the official `openai` SDK parsing our encoders' output, served by a real HTTP server
 * on loopback (non-stream JSON and SSE, with reasoning and parallel tool calls).
 */
function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const response: CanonicalResponse = {
  id: 'msg_sdk',
  model: 'claude-sonnet-4-5',
  created: 1_700_000_000,
  content: [
    { type: 'reasoning', text: 'The user wants weather.', signature: 'sig', signatureFormat: 'anthropic' },
    { type: 'text', text: 'Checking both cities.' },
    { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool-call', id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
  ],
  finish: { reason: 'tool-calls' },
  usage: { inputTokens: 50, outputTokens: 30, totalTokens: 80, cachedInputTokens: 10, reasoningTokens: 12 },
};

const streamParts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'msg_sdk', model: 'claude-sonnet-4-5', created: 1_700_000_000 },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, delta: 'The user ' },
  { type: 'reasoning-delta', index: 0, delta: 'wants weather.' },
  { type: 'reasoning-signature', index: 0, signature: 'sig', format: 'anthropic' },
  { type: 'reasoning-end', index: 0 },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, delta: 'Checking ' },
  { type: 'text-delta', index: 1, delta: 'both cities.' },
  { type: 'text-end', index: 1 },
  { type: 'tool-call-start', index: 2, id: 'toolu_1', name: 'get_weather' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '"Paris"}' },
  { type: 'tool-call-end', index: 2 },
  { type: 'tool-call-start', index: 3, id: 'toolu_2', name: 'get_weather' },
  { type: 'tool-call-delta', index: 3, argumentsDelta: '{"city":"Rome"}' },
  { type: 'tool-call-end', index: 3 },
  { type: 'finish', finish: { reason: 'tool-calls' }, usage: response.usage },
];

const errorParts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'msg_err', model: 'm', created: 1_700_000_000 },
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, delta: 'Par' },
  { type: 'error', error: { message: 'Upstream overloaded', status: 529, code: 'overloaded_error' } },
];

function encodeStream(parts: CanonicalStreamPart[], model: string, includeUsage: boolean): string {
  const encoder = createOpenAIChatStreamEncoder(testContext(), { model, includeUsage });
  return parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
}

function reply({ body }: CannedRequest): CannedReply {
  const model = String(body.model);
  if (body.stream !== true) return jsonReply(encodeOpenAIChatResponse(response, testContext(), { model }));
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const parts = model === 'failing' ? errorParts : streamParts;
  // Written in small pieces so the SDK's SSE decoder has to reassemble events.
  return { ...sseReply(encodeStream(parts, model, includeUsage)), pieceLength: 37 };
}

const server = serveCannedResponseDuringTests(reply);
let client: OpenAI;

beforeAll(() => {
  client = new OpenAI({ apiKey: 'sk-test', baseURL: `${server.origin}/v1`, maxRetries: 0 });
});

const messages = [{ role: 'user' as const, content: 'Weather in Paris and Rome?' }];

describe('the openai SDK reads our OpenAI Chat output', () => {
  it('non-stream: tool calls, reasoning_content, finish and usage', async () => {
    const completion = await client.chat.completions.create({ model: 'alias-model', messages });
    expect(completion.model).toBe('alias-model');
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe('Checking both cities.');
    expect((choice?.message as unknown as { reasoning_content?: string }).reasoning_content).toBe('The user wants weather.');
    expect(choice?.message.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, JSON.parse(call.function.arguments)] : []))).toEqual([
      ['toolu_1', 'get_weather', { city: 'Paris' }],
      ['toolu_2', 'get_weather', { city: 'Rome' }],
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 50, completion_tokens: 30, total_tokens: 80, prompt_tokens_details: { cached_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 12 } });
  });

  it('stream: chunks carry reasoning, text and index-based tool call deltas; usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({ model: 'alias-model', messages, stream: true, stream_options: { include_usage: true } });
    let reasoning = '';
    let text = '';
    const args = new Map<number, { id?: string; name?: string; arguments: string }>();
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      reasoning += (choice.delta as { reasoning_content?: string }).reasoning_content ?? '';
      text += choice.delta.content ?? '';
      for (const call of choice.delta.tool_calls ?? []) {
        const entry = args.get(call.index) ?? { arguments: '' };
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? '';
        args.set(call.index, entry);
      }
      finishReason = choice.finish_reason ?? finishReason;
    }
    expect(reasoning).toBe('The user wants weather.');
    expect(text).toBe('Checking both cities.');
    expect([...args.entries()]).toEqual([
      [0, { id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      [1, { id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Rome"}' }],
    ]);
    expect(finishReason).toBe('tool_calls');
    expect(usage).toMatchObject({ prompt_tokens: 50, completion_tokens: 30, total_tokens: 80 });
  });

  it('stream helper: finalChatCompletion() accepts the accumulated tool calls', async () => {
    const runner = client.chat.completions.stream({ model: 'alias-model', messages });
    const final = await runner.finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.content).toBe('Checking both cities.');
    expect(message?.tool_calls).toHaveLength(2);
    expect(message?.tool_calls?.[1]).toMatchObject({ id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } });
  });

  it('stream error: the SDK raises an APIError with our message', async () => {
    const stream = await client.chat.completions.create({ model: 'failing', messages, stream: true });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    ).rejects.toThrow('Upstream overloaded');
    expect(seen.join('')).toBe('Par');
  });
});
