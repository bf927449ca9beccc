import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { createTestContext } from './anthropic-test-context';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request';

const context = createTestContext();
const decode = (body: Record<string, unknown>) =>
  decodeAnthropicMessagesRequest({ model: 'claude-sonnet-4-5', max_tokens: 1024, ...body }, context);
const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });

function decodeError(body: unknown): ProxyError {
  try {
    decodeAnthropicMessagesRequest(body, context);
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

describe('decodeAnthropicMessagesRequest: text, system, multi-turn', () => {
  it('decodes a string system and string contents', () => {
    const { value, warnings } = decode({
      system: 'Be brief.',
      messages: [user('Hi'), assistant('Hello!'), user('How are you?')],
      stream: true,
    });
    expect(warnings).toEqual([]);
    expect(value).toEqual({
      model: 'claude-sonnet-4-5',
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
        { role: 'user', content: [{ type: 'text', text: 'How are you?' }] },
      ],
      tools: [],
      stream: true,
      maxOutputTokens: 1024,
    });
  });

  it('keeps cache_control on system and text blocks', () => {
    const { value } = decode({
      system: [{ type: 'text', text: 'S1' }, { type: 'text', text: 'S2', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [user([{ type: 'text', text: 'hello', cache_control: { type: 'ephemeral' } }])],
    });
    expect(value.system).toEqual([
      { type: 'text', text: 'S1' },
      { type: 'text', text: 'S2', cacheControl: { type: 'ephemeral', ttl: '1h' } },
    ]);
    expect(value.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'hello', cacheControl: { type: 'ephemeral' } }] });
    expect(value.stream).toBe(false);
  });

  it('hoists leading role:system messages and keeps later ones in place', () => {
    const { value } = decode({
      system: 'A',
      messages: [{ role: 'system', content: 'B' }, user('u1'), { role: 'system', content: [{ type: 'text', text: 'late' }] }, user('u2')],
    });
    expect(value.system.map((part) => part.text)).toEqual(['A', 'B']);
    expect(value.messages.map((message) => message.role)).toEqual(['user', 'system', 'user']);
  });

  it('removes the Claude Code attribution header from system text', () => {
    const { value, warnings } = decode({
      system: [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.80.abc; cc_entrypoint=cli; cch=1f2e;' },
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=1\nKeep this line.' },
      ],
      messages: [user('x')],
    });
    expect(value.system).toEqual([
      { type: 'text', text: 'You are Claude Code.', cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: 'Keep this line.' },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['system[0]', 'system[2]']);
  });

  it('quirk: max_tokens and stop_sequences are decoded (Claude->Gemini ignored them)', () => {
    const { value } = decode({ max_tokens: 77, stop_sequences: ['Human:'], messages: [user('x')] });
    expect(value).toMatchObject({ maxOutputTokens: 77, stopSequences: ['Human:'] });
  });

  it('reads sampling, stop sequences, metadata.user_id and output_config.format', () => {
    const { value } = decode({
      messages: [user('x')],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END', '\n\n'],
      metadata: { user_id: 'user-hash' },
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
    });
    expect(value).toMatchObject({
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END', '\n\n'],
      user: 'user-hash',
      maxOutputTokens: 1024,
      responseFormat: { type: 'json-schema', schema: { type: 'object', properties: { a: { type: 'string' } } } },
    });
  });
});

describe('decodeAnthropicMessagesRequest: media', () => {
  it('decodes base64 and URL images and documents', () => {
    const { value, warnings } = decode({
      messages: [
        user([
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0=' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' }, cache_control: { type: 'ephemeral' } },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'spec.pdf' },
          { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' } },
        ]),
      ],
    });
    expect(warnings).toEqual([]);
    expect(value.messages[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0=' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' }, cacheControl: { type: 'ephemeral' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'spec.pdf' },
      { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('héllo').toString('base64') } },
    ]);
  });

  it('flattens content documents and drops file_id sources with warnings', () => {
    const { value, warnings } = decode({
      messages: [
        user([
          { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'chunk' }] } },
          { type: 'image', source: { type: 'file', file_id: 'file_1' } },
          { type: 'text', text: 'look' },
        ]),
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'text', text: 'chunk' },
      { type: 'text', text: 'look' },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[0].source', 'messages[0].content[1].source']);
  });
});

describe('decodeAnthropicMessagesRequest: tools', () => {
  const weatherTool = {
    name: 'get_weather',
    description: 'Weather by city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    cache_control: { type: 'ephemeral' },
  };

  it('decodes definitions, drops server tools and maps tool_choice', () => {
    const { value, warnings } = decode({
      messages: [user('x')],
      tools: [weatherTool, { type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(value.tools).toEqual([
      { name: 'get_weather', description: 'Weather by city', inputSchema: weatherTool.input_schema, cacheControl: { type: 'ephemeral' } },
    ]);
    expect(value.toolChoice).toEqual({ type: 'required' });
    expect(value.parallelToolCalls).toBe(false);
    expect(warnings).toEqual([{ field: 'tools[1]', message: expect.stringContaining('web_search') }]);
  });

  it.each([
    [{ type: 'auto' }, { type: 'auto' }, undefined],
    [{ type: 'auto', disable_parallel_tool_use: false }, { type: 'auto' }, true],
    [{ type: 'tool', name: 'get_weather' }, { type: 'tool', name: 'get_weather' }, undefined],
    [{ type: 'none' }, { type: 'none' }, undefined],
  ])('maps tool_choice %j', (wire, canonical, parallel) => {
    const { value } = decode({ messages: [user('x')], tools: [weatherTool], tool_choice: wire });
    expect(value.toolChoice).toEqual(canonical);
    expect(value.parallelToolCalls).toBe(parallel);
  });

  it('decodes parallel tool_use blocks and splits a user turn into tool results then text', () => {
    const { value } = decode({
      messages: [
        user('Weather in Paris and Rome?'),
        assistant([
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: { city: 'Rome' } },
        ]),
        user([
          { type: 'text', text: 'before' },
          { type: 'tool_result', tool_use_id: 'toolu_01', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 'toolu_02', content: [{ type: 'text', text: 'rain' }], is_error: true },
          { type: 'text', text: 'after' },
        ]),
      ],
    });
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'toolu_02', name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'toolu_01', name: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
          { type: 'tool-result', toolCallId: 'toolu_02', name: 'get_weather', content: [{ type: 'text', text: 'rain' }], isError: true },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'before' }, { type: 'text', text: 'after' }] },
    ]);
  });

  it('decodes tool_result content with images and keeps cache_control', () => {
    const { value } = decode({
      messages: [
        assistant([{ type: 'tool_use', id: 't1', name: 'screenshot', input: {} }]),
        user([
          {
            type: 'tool_result',
            tool_use_id: 't1',
            content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA=' } }],
            cache_control: { type: 'ephemeral' },
          },
        ]),
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 't1',
          name: 'screenshot',
          content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA=' } }],
          cacheControl: { type: 'ephemeral' },
        },
      ],
    });
  });

  it('quirk: tool result name comes from the matching tool_use, never from the id', () => {
    // docs/protocols.md#cpa-quirks-we-do-not-copy: the Go original derives the name from the id ("json-call-1" -> "json-call").
    const { value } = decode({
      messages: [
        assistant([{ type: 'tool_use', id: 'json-call-1', name: 'emit_json', input: {} }]),
        user([{ type: 'tool_result', tool_use_id: 'json-call-1', content: 'ok' }]),
        user([{ type: 'tool_result', tool_use_id: 'orphan-7', content: 'ok' }]),
      ],
    });
    const results = value.messages.filter((message) => message.role === 'tool').flatMap((message) => message.content);
    expect(results.map((result) => result.name)).toEqual(['emit_json', undefined]);
  });
});

describe('decodeAnthropicMessagesRequest: reasoning', () => {
  it('maps enabled + budget, adaptive + effort, disabled and display', () => {
    expect(decode({ messages: [user('x')], thinking: { type: 'enabled', budget_tokens: 4096 } }).value.reasoning).toEqual({ budgetTokens: 4096, includeThoughts: true });
    expect(
      decode({ messages: [user('x')], thinking: { type: 'adaptive', display: 'omitted' }, output_config: { effort: 'xhigh' } }).value.reasoning,
    ).toEqual({ effort: 'xhigh', includeThoughts: false });
    expect(decode({ messages: [user('x')], thinking: { type: 'adaptive' } }).value.reasoning).toEqual({ effort: 'auto', includeThoughts: true });
    expect(decode({ messages: [user('x')], thinking: { type: 'disabled' } }).value.reasoning).toEqual({ effort: 'none' });
    expect(decode({ messages: [user('x')], output_config: { effort: 'low' } }).value.reasoning).toEqual({ effort: 'low' });
  });

  it('regression: thinking on without display means summarized thinking (includeThoughts true), display omitted means false', () => {
    const reasoningOf = (thinking: Record<string, unknown>) => decode({ messages: [user('x')], thinking }).value.reasoning;
    expect(reasoningOf({ type: 'enabled', budget_tokens: 10000 })).toEqual({ budgetTokens: 10000, includeThoughts: true });
    expect(reasoningOf({ type: 'adaptive' })).toEqual({ effort: 'auto', includeThoughts: true });
    expect(reasoningOf({ type: 'enabled', budget_tokens: 2048, display: 'summarized' })).toEqual({ budgetTokens: 2048, includeThoughts: true });
    expect(reasoningOf({ type: 'enabled', budget_tokens: 2048, display: 'omitted' })).toEqual({ budgetTokens: 2048, includeThoughts: false });
    expect(reasoningOf({ type: 'adaptive', display: 'omitted' })).toEqual({ effort: 'auto', includeThoughts: false });
    expect(reasoningOf({ type: 'disabled' })).toEqual({ effort: 'none' });
  });

  it('decodes thinking with signature, redacted thinking and foreign-prefixed signatures', () => {
    const { value } = decode({
      messages: [
        user('q'),
        assistant([
          { type: 'thinking', thinking: 'Let me think.', signature: 'EqQBCgIYAhIM' },
          { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va' },
          { type: 'thinking', thinking: 'gemini thought', signature: 'gemini#c2lnLWc=' },
          { type: 'thinking', thinking: 'unsigned', signature: '' },
          { type: 'text', text: 'Answer.' },
        ]),
      ],
    });
    expect(value.messages[1]?.content).toEqual([
      { type: 'reasoning', text: 'Let me think.', signature: 'EqQBCgIYAhIM', signatureFormat: 'anthropic' },
      { type: 'reasoning', text: '', redacted: true, signature: 'EmwKAhgBEgy3va', signatureFormat: 'anthropic' },
      { type: 'reasoning', text: 'gemini thought', signature: 'c2lnLWc=', signatureFormat: 'gemini' },
      { type: 'reasoning', text: 'unsigned' },
      { type: 'text', text: 'Answer.' },
    ]);
  });
});

describe('decodeAnthropicMessagesRequest: validation', () => {
  it('names every wrongly typed field', () => {
    const error = decodeError({
      model: 'claude-sonnet-4-5',
      max_tokens: '1024',
      messages: [{ role: 'user', content: [{ type: 'text', text: 42 }] }],
      temperature: 'hot',
      tools: [{ name: 'x', input_schema: 'nope' }],
    });
    expect(error.code).toBe('PX_INVALID_REQUEST');
    expect(error.httpStatus).toBe(400);
    expect(error.message).toContain('max_tokens');
    expect(error.message).toContain('temperature');
    expect(error.message).toContain('tools[0].input_schema');
    expect(error.message).toContain('messages[0].content[0].text');
  });

  it('names bad fields inside content blocks', () => {
    const error = decodeError({
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 42 }, { type: 'image', source: { type: 'base64', data: 'x' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 7, name: 'x', input: {} }] },
      ],
    });
    expect(error.message).toContain('messages[0].content[0].text');
    expect(error.message).toContain('messages[0].content[1].source.media_type');
    expect(error.message).toContain('messages[1].content[0].id');
  });

  it('requires max_tokens, model and messages, and a known role', () => {
    expect(decodeError({ model: 'm', messages: [user('x')] }).message).toContain('max_tokens');
    expect(decodeError({ max_tokens: 5, messages: [user('x')] }).message).toContain('model');
    expect(decodeError({ model: 'm', max_tokens: 5, messages: [] }).message).toContain('messages');
    expect(decodeError({ model: 'm', max_tokens: 5, messages: [{ role: 'tool', content: 'x' }] }).message).toContain('messages[0].role');
    expect(decodeError({ model: 'm', max_tokens: 5, messages: [user('x')], tool_choice: { type: 'sometimes' } }).message).toContain(
      'tool_choice',
    );
  });

  it('does not require max_tokens for count_tokens', () => {
    const { value } = decodeAnthropicMessagesRequest({ model: 'm', messages: [user('x')] }, context, { requireMaxTokens: false });
    expect(value.maxOutputTokens).toBeUndefined();
  });

  it('warns about blocks and fields the hub cannot carry', () => {
    const { warnings } = decode({
      messages: [user('x'), assistant([{ type: 'server_tool_use', id: 'srv_1', name: 'web_search', input: {} }, { type: 'text', text: 'y' }])],
      service_tier: 'auto',
      cache_control: { type: 'ephemeral' },
    });
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[1].content[0]', 'cache_control', 'service_tier']);
  });
});
