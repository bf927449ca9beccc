import { describe, expect, it } from 'vitest';
import type { CanonicalResponse, CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import { encodeOpenAICompletionsResponse } from './encode-openai-completions-response';
import { createOpenAICompletionsStreamEncoder } from './encode-openai-completions-stream';
import { mapFinishReasonToOpenAICompletions } from './map-openai-completions-finish-reason';

function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const response: CanonicalResponse = {
  id: 'msg_1',
  model: 'claude-haiku',
  created: 1_700_000_000,
  content: [
    { type: 'reasoning', text: 'hidden' },
    { type: 'text', text: 'This is ' },
    { type: 'text', text: 'a test.' },
  ],
  finish: { reason: 'length' },
  usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12, cachedInputTokens: 1 },
};

describe('encodeOpenAICompletionsResponse', () => {
  it('writes a text_completion with the text, finish_reason and usage', () => {
    expect(encodeOpenAICompletionsResponse(response, testContext(), { model: 'gpt-3.5-turbo-instruct' })).toEqual({
      id: 'msg_1',
      object: 'text_completion',
      created: 1_700_000_000,
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text: 'This is a test.', index: 0, logprobs: null, finish_reason: 'length' }],
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    });
  });
});

describe('mapFinishReasonToOpenAICompletions', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content-filter', 'content_filter'],
    ['tool-calls', 'stop'],
    ['error', 'stop'],
    ['other', 'stop'],
  ] as const)('%s -> %s', (reason, expected) => {
    expect(mapFinishReasonToOpenAICompletions({ reason })).toBe(expected);
  });
});

const parts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'msg_1', model: 'u', created: 1_700_000_000 },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, delta: 'hidden' },
  { type: 'reasoning-end', index: 0 },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, delta: 'This is' },
  { type: 'text-delta', index: 1, delta: ' a test.' },
  { type: 'text-end', index: 1 },
  { type: 'finish', finish: { reason: 'stop' }, usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 } },
];

function encodeAll(streamParts: CanonicalStreamPart[], includeUsage: boolean): string {
  const encoder = createOpenAICompletionsStreamEncoder(testContext(), { model: 'gpt-3.5-turbo-instruct', includeUsage });
  return streamParts.map((part) => encoder.encode(part)).join('') + encoder.flush();
}

describe('createOpenAICompletionsStreamEncoder', () => {
  it('writes exactly the legacy completions SSE stream', () => {
    expect(encodeAll(parts, false)).toBe(
      'data: {"id":"msg_1","object":"text_completion","created":1700000000,"choices":[{"text":"This is","index":0,"logprobs":null,"finish_reason":null}],"model":"gpt-3.5-turbo-instruct"}\n\n' +
        'data: {"id":"msg_1","object":"text_completion","created":1700000000,"choices":[{"text":" a test.","index":0,"logprobs":null,"finish_reason":null}],"model":"gpt-3.5-turbo-instruct"}\n\n' +
        'data: {"id":"msg_1","object":"text_completion","created":1700000000,"choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"stop"}],"model":"gpt-3.5-turbo-instruct"}\n\n' +
        'data: [DONE]\n\n',
    );
  });

  it('with include_usage: usage null per chunk, then a choices:[] usage chunk', () => {
    const events = encodeAll(parts, true).split('\n\n').filter(Boolean);
    expect(events).toHaveLength(5);
    expect(JSON.parse(events[2]?.slice(6) ?? '')).toMatchObject({ usage: null, choices: [{ finish_reason: 'stop' }] });
    expect(JSON.parse(events[3]?.slice(6) ?? '')).toEqual({
      id: 'msg_1',
      object: 'text_completion',
      created: 1_700_000_000,
      choices: [],
      model: 'gpt-3.5-turbo-instruct',
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    });
    expect(events[4]).toBe('data: [DONE]');
  });

  it('an error ends the stream without [DONE]', () => {
    const text = encodeAll([parts[0] as CanonicalStreamPart, { type: 'error', error: { message: 'boom', status: 500 } }], false);
    expect(text).toBe('data: {"error":{"message":"boom","type":"server_error","code":null}}\n\n');
  });
});
