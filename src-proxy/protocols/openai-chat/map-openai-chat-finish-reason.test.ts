import { describe, expect, it } from 'vitest';
import { mapFinishReasonToOpenAIChat, mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason';

describe('mapOpenAIChatFinishReason (upstream -> canonical)', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    ['max_tokens', 'length'],
    ['eos_token', 'stop'],
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['sensitive', 'content-filter'],
    ['safety', 'content-filter'],
    ['error', 'error'],
    ['insufficient_system_resource', 'error'],
    ['something_new', 'other'],
  ])('%s -> %s, raw kept', (raw, reason) => {
    expect(mapOpenAIChatFinishReason(raw)).toEqual({ reason, raw });
  });
});

describe('mapFinishReasonToOpenAIChat (canonical -> client)', () => {
  it.each([
    ['stop', false, 'stop'],
    ['length', false, 'length'],
    ['tool-calls', false, 'tool_calls'],
    ['content-filter', false, 'content_filter'],
    ['error', false, 'stop'],
    ['other', false, 'stop'],
    ['stop', true, 'tool_calls'],
    ['other', true, 'tool_calls'],
    ['length', true, 'length'],
    ['content-filter', true, 'content_filter'],
  ] as const)('%s (tool calls seen: %s) -> %s', (reason, sawToolCalls, expected) => {
    expect(mapFinishReasonToOpenAIChat({ reason }, sawToolCalls)).toBe(expected);
  });

  it('quirk: a max-tokens stop is "length", never "max_tokens"', () => {
    expect(mapFinishReasonToOpenAIChat({ reason: 'length', raw: 'MAX_TOKENS' }, false)).toBe('length');
  });
});
