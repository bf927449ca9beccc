import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { createTestContext } from './anthropic-test-context';
import { decodeAnthropicMessagesResponse } from './decode-anthropic-messages-response';
import { encodeAnthropicMessagesResponse } from './encode-anthropic-messages-response';

const upstreamMessage = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'thinking', thinking: 'The user wants weather.', signature: 'EqQBCgIYAhIM' },
    { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va' },
    { type: 'text', text: 'Let me check.', citations: null },
    { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', input: { location: 'San Francisco, CA' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 100, output_tokens: 50, cache_creation_input_tokens: 10, cache_read_input_tokens: 1000, service_tier: 'standard' },
  container: null,
};

describe('decodeAnthropicMessagesResponse', () => {
  it('decodes thinking, redacted thinking, text, tool_use, stop reason and usage', () => {
    const { value, warnings } = decodeAnthropicMessagesResponse(upstreamMessage, createTestContext());
    expect(warnings).toEqual([]);
    expect(value).toEqual({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      model: 'claude-sonnet-4-5-20250929',
      created: 1_750_000_000,
      content: [
        { type: 'reasoning', text: 'The user wants weather.', signature: 'EqQBCgIYAhIM', signatureFormat: 'anthropic' },
        { type: 'reasoning', text: '', redacted: true, signature: 'EmwKAhgBEgy3va', signatureFormat: 'anthropic' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: '{"location":"San Francisco, CA"}' },
      ],
      finish: { reason: 'tool-calls', raw: 'tool_use' },
      usage: { inputTokens: 1110, outputTokens: 50, totalTokens: 1160, cachedInputTokens: 1000, cacheCreationInputTokens: 10 },
    });
  });

  it('keeps the stop sequence and warns about server tool blocks', () => {
    const { value, warnings } = decodeAnthropicMessagesResponse(
      {
        ...upstreamMessage,
        content: [{ type: 'web_search_tool_result', tool_use_id: 'srv', content: [] }, { type: 'text', text: 'x' }],
        stop_reason: 'stop_sequence',
        stop_sequence: '###',
      },
      createTestContext(),
    );
    expect(value.content).toEqual([{ type: 'text', text: 'x' }]);
    expect(value.finish).toEqual({ reason: 'stop', raw: 'stop_sequence', stopSequence: '###' });
    expect(warnings.map((warning) => warning.field)).toEqual(['content[0]']);
  });

  it('rejects an error body or a non-message as a protocol error', () => {
    const errorBody = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    expect(() => decodeAnthropicMessagesResponse(errorBody, createTestContext())).toThrow(ProxyError);
    try {
      decodeAnthropicMessagesResponse(errorBody, createTestContext());
    } catch (error) {
      expect(error).toMatchObject({ code: 'PX_UPSTREAM_PROTOCOL', upstreamWire: 'anthropic-messages', upstreamBody: JSON.stringify(errorBody) });
    }
    expect(() => decodeAnthropicMessagesResponse({ content: 'nope' }, createTestContext())).toThrow(/not a Messages response/);
  });
});

describe('encodeAnthropicMessagesResponse', () => {
  it('gemini signature on an empty last part does not end the Anthropic answer with an empty thinking block', () => {
    const response: CanonicalResponse = { id: 'r', model: 'g', created: 1, content: [
      { type: 'text', text: 'Answer' },
      { type: 'reasoning', text: '', signature: 'end-sig', signatureFormat: 'gemini' },
    ], finish: { reason: 'stop' }, usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } };
    expect(encodeAnthropicMessagesResponse(response, createTestContext(), { model: 'm' }).content).toEqual([{ type: 'text', text: 'Answer' }]);
  });

  const canonical: CanonicalResponse = {
    id: 'chatcmpl-1',
    model: 'gpt-4o',
    created: 1,
    content: [
      { type: 'reasoning', text: 'thought', signature: 'sig-g', signatureFormat: 'gemini' },
      { type: 'reasoning', text: 'plain' },
      { type: 'text', text: 'Answer' },
      { type: 'tool-call', id: 'call_9', name: 'lookup', arguments: '{"q":"x"}' },
      { type: 'tool-call', id: 'call_10', name: 'broken', arguments: '{"q":' },
      { type: 'image', source: { kind: 'url', url: 'https://x.test/i.png' } },
    ],
    finish: { reason: 'stop', raw: 'STOP' },
    usage: { inputTokens: 30, outputTokens: 7, totalTokens: 37, cachedInputTokens: 10 },
  };

  it('writes a Message with the client model, blocks, tool_use stop reason and usage', () => {
    expect(encodeAnthropicMessagesResponse(canonical, createTestContext(), { model: 'claude-sonnet-4-5' })).toEqual({
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'thought', signature: 'gemini#sig-g' },
        { type: 'thinking', thinking: 'plain', signature: '' },
        { type: 'text', text: 'Answer' },
        { type: 'tool_use', id: 'call_9', name: 'lookup', input: { q: 'x' } },
        { type: 'tool_use', id: 'call_10', name: 'broken', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 10 },
    });
  });

  it('round-trips an Anthropic message', () => {
    const context = createTestContext();
    const decoded = decodeAnthropicMessagesResponse(upstreamMessage, context).value;
    const encoded = encodeAnthropicMessagesResponse(decoded, context, { model: 'claude-sonnet-4-5-20250929' });
    const { container, ...expected } = upstreamMessage;
    void container;
    expect(encoded).toEqual({
      ...expected,
      content: [upstreamMessage.content[0], upstreamMessage.content[1], { type: 'text', text: 'Let me check.' }, upstreamMessage.content[3]],
      usage: { input_tokens: 100, output_tokens: 50, cache_creation_input_tokens: 10, cache_read_input_tokens: 1000 },
    });
  });

  it('regression: a Gemini signature on a tool call goes out as a signed empty thinking block before the tool_use, as in streams', () => {
    const signed: CanonicalResponse = {
      ...canonical,
      content: [
        { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Tokyo"}', signature: 'g-call-sig', signatureFormat: 'gemini' },
        { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: '{}' },
      ],
    };
    expect(encodeAnthropicMessagesResponse(signed, createTestContext(), { model: 'm' }).content).toEqual([
      { type: 'thinking', thinking: '', signature: 'gemini#g-call-sig' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Tokyo' } },
      { type: 'tool_use', id: 'call_2', name: 'get_time', input: {} },
    ]);
  });

  it('writes the stop sequence and keeps pause_turn', () => {
    const base = { ...canonical, content: [{ type: 'text' as const, text: 'a' }] };
    expect(encodeAnthropicMessagesResponse({ ...base, finish: { reason: 'stop', stopSequence: 'END' } }, createTestContext(), { model: 'm' })).toMatchObject({
      stop_reason: 'stop_sequence',
      stop_sequence: 'END',
    });
    expect(encodeAnthropicMessagesResponse({ ...base, finish: { reason: 'other', raw: 'pause_turn' } }, createTestContext(), { model: 'm' })).toMatchObject({
      stop_reason: 'pause_turn',
    });
    expect(encodeAnthropicMessagesResponse({ ...base, finish: { reason: 'length' } }, createTestContext(), { model: 'm' })).toMatchObject({
      stop_reason: 'max_tokens',
    });
  });
});
