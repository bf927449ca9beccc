import { describe, expect, it } from 'vitest';
import type { CanonicalResponse, TranslationContext } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { decodeOpenAIChatResponse } from './decode-openai-chat-response';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response';

function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const usage = { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 8 } };

function upstream(message: Record<string, unknown>, finishReason: string | null = 'stop', extra: Record<string, unknown> = {}) {
  return { id: 'chatcmpl-up', object: 'chat.completion', created: 1_700_000_123, model: 'deepseek-reasoner', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason }], usage, ...extra };
}

describe('decodeOpenAIChatResponse', () => {
  it('decodes text, DeepSeek reasoning_content, usage and finish', () => {
    const { value, warnings } = decodeOpenAIChatResponse(upstream({ content: 'Paris.', reasoning_content: 'Capital of France…' }), testContext());
    expect(value).toEqual({
      id: 'chatcmpl-up',
      model: 'deepseek-reasoner',
      created: 1_700_000_123,
      content: [
        { type: 'reasoning', text: 'Capital of France…' },
        { type: 'text', text: 'Paris.' },
      ],
      finish: { reason: 'stop', raw: 'stop' },
      usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30, cachedInputTokens: 4, reasoningTokens: 8 },
    });
    expect(warnings).toEqual([]);
  });

  it('decodes OpenRouter `reasoning`, content part arrays, refusal and images', () => {
    const { value } = decodeOpenAIChatResponse(
      upstream({ content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], reasoning: 'why', refusal: null, images: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAA=' } }] }),
      testContext(),
    );
    expect(value.content).toEqual([
      { type: 'reasoning', text: 'why' },
      { type: 'text', text: 'ab' },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA=' } },
    ]);
  });

  it('decodes parallel tool calls (ids kept or synthesised) and the legacy function_call', () => {
    const { value } = decodeOpenAIChatResponse(
      upstream(
        {
          content: null,
          tool_calls: [
            { id: 'call_x', type: 'function', function: { name: 'a', arguments: '{"n":1}' } },
            { type: 'function', function: { name: 'b', arguments: '' } },
          ],
          function_call: { name: 'c', arguments: '{}' },
        },
        'tool_calls',
      ),
      testContext(),
    );
    expect(value.content).toEqual([
      { type: 'tool-call', id: 'call_x', name: 'a', arguments: '{"n":1}' },
      { type: 'tool-call', id: 'call_1', name: 'b', arguments: '{}' },
      { type: 'tool-call', id: 'call_2', name: 'c', arguments: '{}' },
    ]);
    expect(value.finish).toEqual({ reason: 'tool-calls', raw: 'tool_calls' });
  });

  it('keeps the first choice of several with a warning, and infers the finish when it is missing', () => {
    const first = upstream({ content: 'one' }, null);
    const body = { ...first, choices: [...first.choices, { index: 1, message: { role: 'assistant', content: 'two' }, finish_reason: 'stop' }] };
    const { value, warnings } = decodeOpenAIChatResponse(body, testContext());
    expect(value.content).toEqual([{ type: 'text', text: 'one' }]);
    expect(value.finish).toEqual({ reason: 'stop' });
    expect(warnings).toEqual([{ field: 'choices', message: expect.stringContaining('1 extra') }]);
  });

  it('synthesises id and created when the upstream omits them; tolerates wrong-typed fields', () => {
    const { value } = decodeOpenAIChatResponse({ choices: [{ message: { content: 'x', tool_calls: 'nope' }, finish_reason: 7 }], usage: 'none' }, testContext());
    expect(value).toEqual({ id: 'chatcmpl_1', model: '', created: 1_700_000_000, content: [{ type: 'text', text: 'x' }], finish: { reason: 'stop' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } });
  });

  it('a 200 body carrying only an error is an upstream error with the body attached', () => {
    const body = { error: { message: 'model overloaded', type: 'server_error' } };
    try {
      decodeOpenAIChatResponse(body, testContext());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProxyError);
      expect((error as ProxyError).upstreamWire).toBe('openai-chat');
      expect(JSON.parse((error as ProxyError).upstreamBody ?? '')).toEqual(body);
    }
  });

  it('rejects a body that is not an object', () => {
    expect(() => decodeOpenAIChatResponse('nope', testContext())).toThrow(ProxyError);
  });
});

const canonical: CanonicalResponse = {
  id: 'msg_01',
  model: 'claude-sonnet-4-5',
  created: 1_700_000_000,
  content: [],
  finish: { reason: 'stop' },
  usage: { inputTokens: 22044, outputTokens: 4, totalTokens: 22048, cachedInputTokens: 22000, cacheCreationInputTokens: 31 },
};

describe('encodeOpenAIChatResponse', () => {
  it('encodes text and reasoning as reasoning_content, echoing the client model', () => {
    const body = encodeOpenAIChatResponse(
      {
        ...canonical,
        content: [
          { type: 'reasoning', text: 'First thought. ', signature: 'sig', signatureFormat: 'anthropic' },
          { type: 'reasoning', text: 'Second thought.' },
          { type: 'text', text: 'Final ' },
          { type: 'text', text: 'answer.' },
        ],
      },
      testContext(),
      { model: 'my-alias' },
    );
    expect(body).toEqual({
      id: 'msg_01',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'my-alias',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Final answer.', refusal: null, annotations: [], reasoning_content: 'First thought. Second thought.' },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 22044, completion_tokens: 4, total_tokens: 22048, prompt_tokens_details: { cached_tokens: 22000 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });

  it('encodes tool calls with content null and finish tool_calls even when the upstream said stop', () => {
    const body = encodeOpenAIChatResponse(
      {
        ...canonical,
        content: [
          { type: 'reasoning', text: '', redacted: true, signature: 'enc' },
          { type: 'tool-call', id: 'toolu_1', name: 'read', arguments: '{"p":1}' },
          { type: 'tool-call', id: 'toolu_2', name: 'list', arguments: '' },
        ],
      },
      testContext(),
      { model: 'm' },
    );
    expect(body.choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      annotations: [],
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'read', arguments: '{"p":1}' } },
        { id: 'toolu_2', type: 'function', function: { name: 'list', arguments: '{}' } },
      ],
    });
    expect(body.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('gemini signature on the last text part does not add an empty reasoning_content', () => {
    const body = encodeOpenAIChatResponse({ ...canonical, content: [
      { type: 'text', text: 'Answer' },
      { type: 'reasoning', text: '', signature: 'end-sig', signatureFormat: 'gemini' },
    ] }, testContext(), { model: 'm' });
    expect(body.choices[0]?.message).not.toHaveProperty('reasoning_content');
    expect(body.choices[0]?.message.content).toBe('Answer');
  });

  it('an empty answer is an empty string, not null; images go out OpenRouter-style', () => {
    expect(encodeOpenAIChatResponse(canonical, testContext(), { model: 'm' }).choices[0]?.message.content).toBe('');
    const withImage = encodeOpenAIChatResponse({ ...canonical, content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA=' } }] }, testContext(), { model: 'm' });
    expect(withImage.choices[0]?.message.images).toEqual([{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAA=' } }]);
  });

  it.each([
    ['length', 'length'],
    ['content-filter', 'content_filter'],
    ['error', 'stop'],
  ] as const)('finish %s -> %s', (reason, expected) => {
    expect(encodeOpenAIChatResponse({ ...canonical, finish: { reason } }, testContext(), { model: 'm' }).choices[0]?.finish_reason).toBe(expected);
  });

  it('round trip: upstream chat body -> canonical -> client chat body keeps content, tools, finish and usage', () => {
    const original = upstream({ content: 'Sure.', reasoning_content: 'ok', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, 'tool_calls');
    const body = encodeOpenAIChatResponse(decodeOpenAIChatResponse(original, testContext()).value, testContext(), { model: 'deepseek-reasoner' });
    expect(body).toEqual({
      ...original,
      choices: [{ index: 0, message: { ...original.choices[0]?.message, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'tool_calls' }],
    });
  });
});
