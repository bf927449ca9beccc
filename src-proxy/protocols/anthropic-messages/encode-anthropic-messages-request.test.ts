import { describe, expect, it } from 'vitest';
import type { CanonicalMessage, CanonicalRequest } from '../../canonical/index';
import { createTestContext } from './anthropic-test-context';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request';
import { encodeAnthropicMessagesRequest } from './encode-anthropic-messages-request';

const base = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'claude-sonnet-4-5',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  tools: [],
  stream: false,
  ...extra,
});
const encode = (extra: Partial<CanonicalRequest> = {}, style?: 'adaptive' | 'budget') =>
  encodeAnthropicMessagesRequest(base(extra), createTestContext(), style ? { thinkingStyle: style } : {});
const text = (value: string) => ({ type: 'text' as const, text: value });
const weatherTool = { name: 'get_weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } };

describe('encodeAnthropicMessagesRequest: basics', () => {
  it('encodes model, default max_tokens, system blocks and messages', () => {
    const { value, warnings } = encode({
      system: [text('Be brief.'), { type: 'text', text: 'Cached', cacheControl: { type: 'ephemeral', ttl: '1h' } }],
      messages: [
        { role: 'user', content: [text('Hi')] },
        { role: 'assistant', content: [text('Hello')] },
        { role: 'user', content: [text('Bye')] },
      ],
      stream: true,
      user: 'u-1',
    });
    expect(warnings).toEqual([]);
    expect(value).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 8192,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
        { role: 'user', content: [{ type: 'text', text: 'Bye' }] },
      ],
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Cached', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
      metadata: { user_id: 'u-1' },
      stream: true,
    });
  });

  it('sends max tokens, temperature, top_k and stop sequences', () => {
    const { value } = encode({ maxOutputTokens: 300, temperature: 0.2, topK: 5, stopSequences: ['END', '  '] });
    expect(value).toMatchObject({ max_tokens: 300, temperature: 0.2, top_k: 5, stop_sequences: ['END'] });
  });

  it('quirk: temperature is kept (the Go original drops it for every Claude upstream)', () => {
    const { value, warnings } = encode({ temperature: 0.7 });
    expect(value['temperature']).toBe(0.7);
    expect(warnings).toEqual([]);
  });

  it('drops top_p next to temperature and warns about unsupported fields', () => {
    const { value, warnings } = encode({ temperature: 0.5, topP: 0.9, seed: 1, presencePenalty: 1, candidateCount: 2 });
    expect(value['top_p']).toBeUndefined();
    expect(warnings.map((warning) => warning.field)).toEqual(['topP', 'seed', 'presencePenalty', 'candidateCount']);
    expect(encode({ topP: 0.9 }).value['top_p']).toBe(0.9);
  });

  it('quirk: a system-only request sends the instructions as the user turn, not an empty placeholder', () => {
    const { value, warnings } = encode({ system: [text('You are a poet. Write a haiku.')], messages: [] });
    expect(value['system']).toBeUndefined();
    expect(value['messages']).toEqual([{ role: 'user', content: [{ type: 'text', text: 'You are a poet. Write a haiku.' }] }]);
    expect(warnings[0]?.field).toBe('system');
  });

  it('encodes JSON schema output and warns about plain JSON mode', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, additionalProperties: false };
    expect(encode({ responseFormat: { type: 'json-schema', schema } }).value['output_config']).toEqual({
      format: { type: 'json_schema', schema },
    });
    const json = encode({ responseFormat: { type: 'json' } });
    expect(json.value['output_config']).toBeUndefined();
    expect(json.warnings[0]?.field).toBe('responseFormat');
  });
});

describe('encodeAnthropicMessagesRequest: message grouping', () => {
  it('merges same-role turns, groups parallel tool results and puts tool_use last (spec C2/C4)', () => {
    const messages: CanonicalMessage[] = [
      { role: 'user', content: [text('Use both tools.')] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'call_1', name: 'a', arguments: '{}' },
          text('Calling both.'),
          { type: 'tool-call', id: 'call_2', name: 'b', arguments: '{"x":1}' },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: [text('one')], cacheControl: { type: 'ephemeral' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_2', content: [text('two')], isError: true }] },
      { role: 'user', content: [text('continue')] },
      { role: 'assistant', content: [text('Done.')] },
    ];
    const { value } = encode({ messages, tools: [weatherTool] });
    expect(value['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Use both tools.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Calling both.' },
          { type: 'tool_use', id: 'call_1', name: 'a', input: {} },
          { type: 'tool_use', id: 'call_2', name: 'b', input: { x: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: 'one', cache_control: { type: 'ephemeral' } },
          { type: 'tool_result', tool_use_id: 'call_2', content: 'two', is_error: true },
          { type: 'text', text: 'continue' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
    ]);
  });

  it('puts tool results before user text that came first (Anthropic requires results first)', () => {
    const { value } = encode({
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: 't', name: 'a', arguments: '{}' }] },
        { role: 'user', content: [text('note')] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', content: [text('r')] }] },
      ],
    });
    expect(value['messages']).toEqual([
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'a', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'r' }, { type: 'text', text: 'note' }] },
    ]);
  });

  it('turns a mid-conversation system message into a system-reminder in the user turn', () => {
    const { value } = encode({
      system: [text('lead')],
      messages: [
        { role: 'system', content: [text('also lead')] },
        { role: 'user', content: [text('q1')] },
        { role: 'assistant', content: [text('a1')] },
        { role: 'system', content: [text('Now answer in French.')] },
        { role: 'user', content: [text('q2')] },
      ],
    });
    expect(value['system']).toEqual([text('lead'), text('also lead')]);
    expect(value['messages']).toEqual([
      { role: 'user', content: [text('q1')] },
      { role: 'assistant', content: [text('a1')] },
      { role: 'user', content: [text('<system-reminder>\nNow answer in French.\n</system-reminder>'), text('q2')] },
    ]);
  });

  // Regression (test:clients, Claude Code 2.1.197): a system message after the user's question was
  // merged AFTER it, so the reminder became the last thing the user said.
  it('puts a trailing system message at the start of the preceding user turn, keeping the question last', () => {
    const { value } = encode({
      messages: [
        { role: 'user', content: [text('<system-reminder>\ncontext\n</system-reminder>'), text('What is the weather?')] },
        { role: 'system', content: [text('Available agent types: ...')] },
        { role: 'system', content: [text('second')] },
      ],
    });
    expect(value['messages']).toEqual([
      {
        role: 'user',
        content: [
          text('<system-reminder>\nAvailable agent types: ...\n</system-reminder>'),
          text('<system-reminder>\nsecond\n</system-reminder>'),
          text('<system-reminder>\ncontext\n</system-reminder>'),
          text('What is the weather?'),
        ],
      },
    ]);
  });

  it('keeps conversation order for reminders around one user turn and after tool results', () => {
    const { value } = encode({
      messages: [
        { role: 'system', content: [text('s0')] },
        { role: 'user', content: [text('q')] },
        { role: 'system', content: [text('s1')] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 't', name: 'a', arguments: '{}' }] },
        { role: 'system', content: [text('between')] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', content: [text('r')] }] },
        { role: 'system', content: [text('after')] },
        { role: 'assistant', content: [text('done')] },
        { role: 'system', content: [text('alone')] },
        { role: 'assistant', content: [text('more')] },
      ],
    });
    expect(value['system']).toEqual([text('s0')]);
    expect(value['messages']).toEqual([
      { role: 'user', content: [text('<system-reminder>\ns1\n</system-reminder>'), text('q')] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'a', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't', content: 'r' },
          text('<system-reminder>\nbetween\n</system-reminder>'),
          text('<system-reminder>\nafter\n</system-reminder>'),
        ],
      },
      { role: 'assistant', content: [text('done')] },
      { role: 'user', content: [text('<system-reminder>\nalone\n</system-reminder>')] },
      { role: 'assistant', content: [text('more')] },
    ]);
  });

  it('sanitises tool ids consistently and keeps them distinct (spec C1)', () => {
    const { value } = encode({
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'call.with space:1', name: 'Read', arguments: '{"path":"README.md"}' },
            { type: 'tool-call', id: 'call_with_space_1', name: 'Read', arguments: '{}' },
            { type: 'tool-call', id: '', name: 'Read', arguments: '' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call.with space:1', content: [text('ok')] },
            { type: 'tool-result', toolCallId: 'call_with_space_1', content: [text('ok2')] },
            { type: 'tool-result', toolCallId: '', content: [text('ok3')] },
          ],
        },
      ],
    });
    const messages = value['messages'] as Array<{ content: Array<Record<string, unknown>> }>;
    expect(messages[0]?.content.map((block) => block['id'])).toEqual(['call_with_space_1', 'call_with_space_1_2', 'toolu_1']);
    expect(messages[1]?.content.map((block) => block['tool_use_id'])).toEqual(['call_with_space_1', 'call_with_space_1_2', 'toolu_1']);
    expect(messages[0]?.content[0]?.['input']).toEqual({ path: 'README.md' });
  });

  it('drops empty text, unsupported media and trailing whitespace of an assistant prefill', () => {
    const { value, warnings } = encode({
      messages: [
        {
          role: 'user',
          content: [
            text(''),
            text('see'),
            { type: 'image', source: { kind: 'base64', mediaType: 'image/heic', data: 'AA==' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'AA==' } },
          ],
        },
        { role: 'assistant', content: [text('The answer is ')] },
      ],
    });
    expect(value['messages']).toEqual([
      { role: 'user', content: [text('see')] },
      { role: 'assistant', content: [text('The answer is')] },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[2]', 'messages[0].content[3]']);
  });
});

describe('encodeAnthropicMessagesRequest: media', () => {
  it('encodes images and documents', () => {
    const { value, warnings } = encode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' }, detail: 'high' },
            { type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' }, cacheControl: { type: 'ephemeral' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
            { type: 'file', source: { kind: 'url', url: 'https://x.test/b.pdf' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'text/markdown', data: Buffer.from('# hi').toString('base64') } },
          ],
        },
      ],
    });
    expect(value['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
          { type: 'image', source: { type: 'url', url: 'https://x.test/a.jpg' }, cache_control: { type: 'ephemeral' } },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'a.pdf' },
          { type: 'document', source: { type: 'url', url: 'https://x.test/b.pdf' } },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: '# hi' } },
        ],
      },
    ]);
    expect(warnings).toEqual([{ field: 'messages[0].content[0].detail', message: expect.any(String) }]);
  });

  it('encodes tool results with images as block arrays', () => {
    const { value } = encode({
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'shot', arguments: '{}' }] },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 't1',
              content: [text('screen'), { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } }],
            },
          ],
        },
      ],
    });
    const messages = value['messages'] as Array<{ content: unknown[] }>;
    expect(messages[1]?.content[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 't1',
      content: [text('screen'), { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA==' } }],
    });
  });
});

describe('encodeAnthropicMessagesRequest: tools', () => {
  it('quirk: tool schemas are sent unchanged (no forced additionalProperties/$schema, no type rewriting)', () => {
    const schema = { type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'] } }, required: ['mode'] };
    const { value } = encode({ tools: [{ name: 'pick', description: 'd', inputSchema: schema, strict: true, cacheControl: { type: 'ephemeral' } }] });
    expect(value['tools']).toEqual([{ name: 'pick', description: 'd', input_schema: schema, strict: true, cache_control: { type: 'ephemeral' } }]);
    expect(encode({ tools: [{ name: 'bare', inputSchema: {} }] }).value['tools']).toEqual([{ name: 'bare', input_schema: { type: 'object' } }]);
  });

  it.each([
    [{ type: 'auto' } as const, undefined, { type: 'auto' }],
    [{ type: 'required' } as const, false, { type: 'any', disable_parallel_tool_use: true }],
    [{ type: 'tool', name: 'get_weather' } as const, undefined, { type: 'tool', name: 'get_weather' }],
    [{ type: 'none' } as const, false, { type: 'none' }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    [undefined, true, undefined],
  ])('maps tool choice %j (parallel %s)', (toolChoice, parallelToolCalls, expected) => {
    const extra: Partial<CanonicalRequest> = { tools: [weatherTool] };
    if (toolChoice) extra.toolChoice = toolChoice;
    if (parallelToolCalls !== undefined) extra.parallelToolCalls = parallelToolCalls;
    expect(encode(extra).value['tool_choice']).toEqual(expected);
  });

  it('drops tool_choice without tools and non-object arguments with warnings', () => {
    const { value, warnings } = encode({
      toolChoice: { type: 'required' },
      messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'x', name: 'n', arguments: '[1,2]' }] }],
    });
    expect(value['tool_choice']).toBeUndefined();
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[0].arguments', 'toolChoice']);
  });
});

describe('Anthropic request round trip (decode then encode)', () => {
  it('reproduces a Claude Code style request', () => {
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 16000,
      system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'List files' }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use ls.', signature: 'EqQBsig' },
            { type: 'text', text: 'Running ls.' },
            { type: 'tool_use', id: 'toolu_01A', name: 'Bash', input: { command: 'ls' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01A', content: 'a.txt\nb.txt', cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'thanks' },
          ],
        },
      ],
      tools: [{ name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
      tool_choice: { type: 'auto' },
      thinking: { type: 'enabled', budget_tokens: 10000 },
      stop_sequences: ['STOP'],
      metadata: { user_id: 'user_abc' },
      stream: true,
    };
    const context = createTestContext();
    const decoded = decodeAnthropicMessagesRequest(body, context);
    const encoded = encodeAnthropicMessagesRequest(decoded.value, context);
    expect(encoded.warnings).toEqual([]);
    expect(encoded.value).toEqual(body);
  });
});
