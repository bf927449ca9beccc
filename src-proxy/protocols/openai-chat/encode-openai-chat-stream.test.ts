import { describe, expect, it } from 'vitest';
import type { CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import { createOpenAIChatStreamEncoder } from './encode-openai-chat-stream';

function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

function encodeAll(parts: CanonicalStreamPart[], includeUsage = false): string {
  const encoder = createOpenAIChatStreamEncoder(testContext(), { model: 'client-model', includeUsage });
  return parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
}

/** The data payloads of the SSE text, parsed (the trailer stays a string). */
function payloads(text: string): unknown[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      const data = event.slice('data: '.length);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

const head = { id: 'msg_1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'client-model' };
const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
const finish = (reason: 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other' = 'stop'): CanonicalStreamPart => ({
  type: 'finish',
  finish: { reason },
  usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 3, reasoningTokens: 2 },
});

const textStream: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'msg_1', model: 'upstream-model', created: 1_700_000_000 },
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, delta: 'Hello' },
  { type: 'text-delta', index: 0, delta: ' world' },
  { type: 'text-end', index: 0 },
  finish(),
];

describe('createOpenAIChatStreamEncoder', () => {
  it('writes exactly OpenAI’s chunk sequence for a text answer (no usage chunk unless asked)', () => {
    const text = encodeAll(textStream);
    expect(text).toBe(
      [
        `data: {"id":"msg_1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`,
        `data: {"id":"msg_1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}`,
        `data: {"id":"msg_1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{"content":" world"},"logprobs":null,"finish_reason":null}]}`,
        `data: {"id":"msg_1","object":"chat.completion.chunk","created":1700000000,"model":"client-model","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}`,
        'data: [DONE]',
        '',
      ].join('\n\n'),
    );
  });

  it('with include_usage: usage null on every chunk and a final choices:[] usage chunk before [DONE]', () => {
    const events = payloads(encodeAll(textStream, true));
    expect(events).toHaveLength(6);
    for (const event of events.slice(0, 4)) expect(event).toMatchObject({ usage: null });
    expect(events[4]).toEqual({
      ...head,
      choices: [],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 3 }, completion_tokens_details: { reasoning_tokens: 2 } },
    });
    expect(events[5]).toBe('[DONE]');
  });

  it('quirk: usage chunk only when include_usage was asked for', () => {
    expect(payloads(encodeAll(textStream, false)).some((event) => typeof event === 'object' && event !== null && 'usage' in event)).toBe(false);
  });

  it('encodes reasoning as reasoning_content and tool calls with index-based argument deltas', () => {
    const events = payloads(
      encodeAll([
        { type: 'response-start', id: 'msg_1', model: 'u', created: 1_700_000_000 },
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-delta', index: 0, delta: 'Thinking' },
        { type: 'reasoning-signature', index: 0, signature: 'sig', format: 'anthropic' },
        { type: 'reasoning-end', index: 0 },
        { type: 'text-start', index: 1 },
        { type: 'text-delta', index: 1, delta: 'Checking.' },
        { type: 'text-end', index: 1 },
        { type: 'tool-call-start', index: 2, id: 'toolu_a', name: 'read' },
        { type: 'tool-call-delta', index: 2, argumentsDelta: '{"path":' },
        { type: 'tool-call-delta', index: 2, argumentsDelta: '"a"}' },
        { type: 'tool-call-end', index: 2 },
        { type: 'tool-call-start', index: 3, id: 'toolu_b', name: 'list' },
        { type: 'tool-call-delta', index: 3, argumentsDelta: '{}' },
        { type: 'tool-call-end', index: 3 },
        finish('tool-calls'),
      ]),
    );
    expect(events).toEqual([
      choice({ role: 'assistant', content: '' }),
      choice({ reasoning_content: 'Thinking' }),
      choice({ content: 'Checking.' }),
      choice({ tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'read', arguments: '' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '"a"}' } }] }),
      choice({ tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'list', arguments: '' } }] }),
      choice({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
      choice({}, 'tool_calls'),
      '[DONE]',
    ]);
  });

  it('quirk: tool_call index counts tool calls from 0, not content blocks', () => {
    const events = payloads(
      encodeAll([
        { type: 'response-start', id: 'msg_1', model: 'u', created: 1_700_000_000 },
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'x' },
        { type: 'text-end', index: 0 },
        { type: 'tool-call-start', index: 1, id: 'toolu_a', name: 'f' },
        { type: 'tool-call-end', index: 1 },
        finish('tool-calls'),
      ]),
    );
    expect(events[2]).toEqual(choice({ tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'f', arguments: '' } }] }));
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content-filter', 'content_filter'],
    ['error', 'stop'],
    ['other', 'stop'],
  ] as const)('finish %s -> finish_reason %s', (reason, expected) => {
    const events = payloads(encodeAll([textStream[0] as CanonicalStreamPart, finish(reason)]));
    expect(events[1]).toEqual(choice({}, expected));
  });

  it('a stop after tool calls is reported as tool_calls', () => {
    const events = payloads(encodeAll([textStream[0] as CanonicalStreamPart, { type: 'tool-call-start', index: 0, id: 'c', name: 'f' }, { type: 'tool-call-end', index: 0 }, finish('stop')]));
    expect(events[2]).toEqual(choice({}, 'tool_calls'));
  });

  it('fills usage the finish part reports as zero from earlier usage parts', () => {
    const events = payloads(
      encodeAll(
        [
          textStream[0] as CanonicalStreamPart,
          { type: 'usage', usage: { inputTokens: 40 } },
          { type: 'finish', finish: { reason: 'stop' }, usage: { inputTokens: 0, outputTokens: 7, totalTokens: 0 } },
        ],
        true,
      ),
    );
    expect(events[2]).toMatchObject({ usage: { prompt_tokens: 40, completion_tokens: 7, total_tokens: 47 } });
  });

  it('writes an in-stream error and no [DONE] after it', () => {
    const text = encodeAll([textStream[0] as CanonicalStreamPart, { type: 'text-start', index: 0 }, { type: 'text-delta', index: 0, delta: 'Par' }, { type: 'error', error: { message: 'Overloaded', status: 529, code: 'overloaded_error' } }]);
    expect(payloads(text)).toEqual([
      choice({ role: 'assistant', content: '' }),
      choice({ content: 'Par' }),
      { error: { message: 'Overloaded', type: 'server_error', code: 'overloaded_error' } },
    ]);
  });

  it('starts with a synthesised id if the first part is not response-start; an empty stream is just [DONE]', () => {
    const events = payloads(encodeAll([{ type: 'text-start', index: 0 }, { type: 'text-delta', index: 0, delta: 'a' }]));
    expect(events[0]).toEqual({ ...choice({ role: 'assistant', content: '' }), id: 'chatcmpl_1' });
    expect(encodeAll([])).toBe('data: [DONE]\n\n');
  });
});
