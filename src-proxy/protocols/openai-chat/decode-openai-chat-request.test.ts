import { describe, expect, it } from 'vitest';
import type { TranslationContext } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request';

function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const decode = (body: Record<string, unknown>) => decodeOpenAIChatRequest({ model: 'gpt-x', ...body }, testContext());

function invalidMessage(body: unknown): string {
  try {
    decodeOpenAIChatRequest(body, testContext());
  } catch (error) {
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as ProxyError).code).toBe('PX_INVALID_REQUEST');
    expect((error as ProxyError).httpStatus).toBe(400);
    return (error as ProxyError).message;
  }
  throw new Error('expected PX_INVALID_REQUEST');
}

describe('decodeOpenAIChatRequest: messages', () => {
  it('decodes a plain text turn with defaults', () => {
    const { value, warnings } = decode({ messages: [{ role: 'user', content: 'Hello' }] });
    expect(value).toEqual({ model: 'gpt-x', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], tools: [], stream: false });
    expect(warnings).toEqual([]);
  });

  it('keeps the model string exactly as given, suffix included', () => {
    expect(decode({ model: 'gpt-5(high)', messages: [{ role: 'user', content: 'x' }] }).value.model).toBe('gpt-5(high)');
  });

  it('leading system and developer messages become system; later ones stay in place', () => {
    const { value } = decode({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Now answer in French.' },
        { role: 'user', content: 'Again' },
      ],
    });
    expect(value.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use metric units.' },
    ]);
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
  });

  it('quirk: developer role is a system instruction, not a user message', () => {
    const { value } = decode({ messages: [{ role: 'user', content: 'a' }, { role: 'developer', content: 'rules' }] });
    expect(value.messages[1]).toEqual({ role: 'system', content: [{ type: 'text', text: 'rules' }] });
  });

  it('decodes a multi-turn conversation with assistant text and refusal', () => {
    const { value } = decode({
      messages: [
        { role: 'user', content: 'One' },
        { role: 'assistant', content: 'Two' },
        { role: 'user', content: 'Three' },
        { role: 'assistant', content: [{ type: 'text', text: 'Four' }, { type: 'refusal', refusal: 'No.' }] },
      ],
    });
    expect(value.messages.map((message) => [message.role, message.content])).toEqual([
      ['user', [{ type: 'text', text: 'One' }]],
      ['assistant', [{ type: 'text', text: 'Two' }]],
      ['user', [{ type: 'text', text: 'Three' }]],
      ['assistant', [{ type: 'text', text: 'Four' }, { type: 'text', text: 'No.' }]],
    ]);
  });

  it('decodes images by data URL (base64) and by http URL with detail', () => {
    const { value } = decode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            { type: 'image_url', image_url: 'https://example.com/bare.jpg' },
          ],
        },
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'text', text: 'Compare' },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'high' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/bare.jpg' } },
    ]);
  });

  it('decodes input_audio and file parts into file parts; file_id references are dropped with a warning', () => {
    const { value, warnings } = decode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
            { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
            { type: 'file', file: { file_data: 'JVBERi0=', filename: 'b.pdf' } },
            { type: 'file', file: { file_id: 'file-abc' } },
          ],
        },
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklGRg==' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'audio/mpeg', data: 'SUQz' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'a.pdf' },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'b.pdf' },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[4].file']);
  });

  it('drops unknown content part types and participant names with warnings', () => {
    const { value, warnings } = decode({
      messages: [{ role: 'user', name: 'alice', content: [{ type: 'video_url', video_url: { url: 'x' } }, { type: 'text', text: 'hi' }] }],
    });
    expect(value.messages[0]?.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].name', 'messages[0].content[0]']);
  });
});

describe('decodeOpenAIChatRequest: tools', () => {
  const tools = [
    {
      type: 'function',
      function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: true },
    },
    { type: 'function', function: { name: 'now' } },
    { type: 'web_search' },
  ];

  it('decodes function tools (missing parameters = empty object schema) and drops built-in tools with a warning', () => {
    const { value, warnings } = decode({ messages: [{ role: 'user', content: 'x' }], tools, parallel_tool_calls: false });
    expect(value.tools).toEqual([
      { name: 'get_weather', description: 'Weather by city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: true },
      { name: 'now', inputSchema: { type: 'object', properties: {} } },
    ]);
    expect(value.parallelToolCalls).toBe(false);
    expect(warnings).toEqual([{ field: 'tools[2]', message: expect.stringContaining('web_search') }]);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'required' }],
    [{ type: 'function', function: { name: 'now' } }, { type: 'tool', name: 'now' }],
  ])('tool_choice %j', (choice, expected) => {
    expect(decode({ messages: [{ role: 'user', content: 'x' }], tools, tool_choice: choice }).value.toolChoice).toEqual(expected);
  });

  it('decodes parallel tool calls with their ids and the results that answer them (merged, named)', () => {
    const { value } = decode({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: 'rain' }] },
        { role: 'assistant', content: 'Paris sunny, Rome rain.' },
      ],
    });
    expect(value.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_a', name: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
          { type: 'tool-result', toolCallId: 'call_b', name: 'get_weather', content: [{ type: 'text', text: 'rain' }] },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Paris sunny, Rome rain.' }] },
    ]);
  });

  it('synthesises ids for tool calls that have none', () => {
    const { value } = decode({
      messages: [{ role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'now', arguments: '' } }] }],
    });
    expect(value.messages[0]?.content).toEqual([{ type: 'tool-call', id: 'call_1', name: 'now', arguments: '{}' }]);
  });

  it('quirk: duplicate tool results keep their positions and contents', () => {
    const { value } = decode({
      messages: [
        { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'first' },
        { role: 'tool', tool_call_id: 'c1', content: 'second' },
      ],
    });
    expect(value.messages[1]?.content).toEqual([
      { type: 'tool-result', toolCallId: 'c1', name: 'f', content: [{ type: 'text', text: 'first' }] },
      { type: 'tool-result', toolCallId: 'c1', name: 'f', content: [{ type: 'text', text: 'second' }] },
    ]);
  });

  it('decodes the legacy functions / function_call / function role, pairing results by name', () => {
    const { value } = decode({
      functions: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
      function_call: { name: 'lookup' },
      messages: [
        { role: 'user', content: 'find' },
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":"x"}' } },
        { role: 'function', name: 'lookup', content: 'found' },
      ],
    });
    expect(value.tools).toEqual([{ name: 'lookup', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } }]);
    expect(value.toolChoice).toEqual({ type: 'tool', name: 'lookup' });
    expect(value.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', name: 'lookup', content: [{ type: 'text', text: 'found' }] }] },
    ]);
    expect(decode({ messages: [{ role: 'user', content: 'x' }], function_call: 'none' }).value.toolChoice).toEqual({ type: 'none' });
  });
});

describe('decodeOpenAIChatRequest: reasoning', () => {
  it('replayed assistant reasoning_content (DeepSeek) and reasoning (OpenRouter) come first in the turn', () => {
    const { value } = decode({
      messages: [
        { role: 'assistant', reasoning_content: 'thinking A', content: 'answer A' },
        { role: 'assistant', reasoning: 'thinking B', content: 'answer B', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'reasoning', text: 'thinking A' },
      { type: 'text', text: 'answer A' },
    ]);
    expect(value.messages[1]?.content).toEqual([
      { type: 'reasoning', text: 'thinking B' },
      { type: 'text', text: 'answer B' },
      { type: 'tool-call', id: 'c', name: 'f', arguments: '{}' },
    ]);
  });

  it.each([
    [{ reasoning_effort: 'high' }, { effort: 'high', includeThoughts: true }],
    [{ reasoning_effort: 'none' }, { effort: 'none' }],
    [{ reasoning_effort: 'MINIMAL' }, { effort: 'minimal', includeThoughts: true }],
    [{ reasoning: { effort: 'low' } }, { effort: 'low', includeThoughts: true }],
    [{ reasoning: { max_tokens: 2048 } }, { budgetTokens: 2048, includeThoughts: true }],
    [{ reasoning: { effort: 'medium', exclude: true } }, { effort: 'medium', includeThoughts: false }],
    [{ reasoning: { enabled: true } }, { effort: 'medium', includeThoughts: true }],
    [{ reasoning: { enabled: false } }, { effort: 'none' }],
    [{ reasoning_effort: 'low', include_reasoning: false }, { effort: 'low', includeThoughts: false }],
  ])('request %j -> reasoning %j', (fields, expected) => {
    expect(decode({ messages: [{ role: 'user', content: 'x' }], ...fields }).value.reasoning).toEqual(expected);
  });
});

describe('decodeOpenAIChatRequest: generation parameters', () => {
  it('decodes sampling, limits, stop, usage and user fields', () => {
    const { value } = decode({
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 100,
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      n: 2,
      stream: true,
      stream_options: { include_usage: true },
      user: 'user-42',
    });
    expect(value).toMatchObject({
      maxOutputTokens: 100,
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END'],
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      candidateCount: 2,
      stream: true,
      includeUsage: true,
      user: 'user-42',
    });
  });

  it('max_completion_tokens wins over max_tokens; stop arrays pass through', () => {
    const { value } = decode({ messages: [{ role: 'user', content: 'x' }], max_tokens: 10, max_completion_tokens: 20, stop: ['a', 'b'] });
    expect(value.maxOutputTokens).toBe(20);
    expect(value.stopSequences).toEqual(['a', 'b']);
  });

  it.each([
    [{ type: 'text' }, { type: 'text' }],
    [{ type: 'json_object' }, { type: 'json' }],
    [
      { type: 'json_schema', json_schema: { name: 'person', description: 'A person', schema: { type: 'object', properties: { name: { type: 'string' } } }, strict: true } },
      { type: 'json-schema', name: 'person', description: 'A person', schema: { type: 'object', properties: { name: { type: 'string' } } }, strict: true },
    ],
  ])('response_format %j', (format, expected) => {
    expect(decode({ messages: [{ role: 'user', content: 'x' }], response_format: format }).value.responseFormat).toEqual(expected);
  });

  it('warns about parameters the hub cannot carry', () => {
    const { warnings } = decode({ messages: [{ role: 'user', content: 'x' }], logprobs: true, logit_bias: { 1: 2 }, store: false });
    expect(warnings.map((warning) => warning.field)).toEqual(['logprobs', 'logit_bias']);
  });
});

describe('decodeOpenAIChatRequest: invalid input', () => {
  it.each([
    [{ model: 42, messages: [{ role: 'user', content: 'x' }] }, 'model'],
    [{ model: 'm', messages: 'hi' }, 'messages'],
    [{ model: 'm', messages: [] }, 'messages'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [{ model: 'm', messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
    [{ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, 'messages[0].content[0].text'],
    [{ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 1 } }] }] }, 'messages[0].content[0].image_url'],
    [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
    [{ model: 'm', messages: [{ role: 'assistant', tool_calls: [{ function: { name: 'f', arguments: {} } }] }] }, 'messages[0].tool_calls[0].function.arguments'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' }, 'temperature'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: -1 }, 'max_tokens'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: 'yes' }, 'stream'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], stop: 5 }, 'stop'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 3 } }] }, 'tools[0].function.name'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: 'maybe' }, 'tool_choice'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'xml' } }, 'response_format.type'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema' } }, 'response_format.json_schema'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'extreme' }, 'reasoning_effort'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], stream_options: { include_usage: 'yes' } }, 'stream_options.include_usage'],
  ])('%j -> 400 naming %s', (body, field) => {
    expect(invalidMessage(body)).toContain(`${field}:`);
  });

  it('names every bad field at once and sets param to the first', () => {
    try {
      decodeOpenAIChatRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 'a', top_p: 'b' }, testContext());
      expect.unreachable();
    } catch (error) {
      expect((error as ProxyError).message).toMatch(/temperature:.*top_p:/);
      expect((error as ProxyError).details).toEqual({ param: 'temperature' });
    }
  });

  it('rejects a body that is not an object', () => {
    expect(invalidMessage([1, 2])).toContain('JSON object');
  });
});
