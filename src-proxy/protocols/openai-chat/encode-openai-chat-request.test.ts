import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, TranslationContext } from '../../canonical/index';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request';
import { encodeOpenAIChatRequest } from './encode-openai-chat-request';

function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const base: CanonicalRequest = { model: 'deepseek-chat', system: [], messages: [], tools: [], stream: false };
const encode = (request: Partial<CanonicalRequest>) => encodeOpenAIChatRequest({ ...base, ...request }, testContext());

/** Client body -> canonical -> upstream body must give back the client body (for what chat can carry). */
function roundTrip(body: Record<string, unknown>): Record<string, unknown> {
  const decoded = decodeOpenAIChatRequest(body, testContext());
  return encodeOpenAIChatRequest(decoded.value, testContext()).value;
}

describe('encodeOpenAIChatRequest', () => {
  it('encodes text, system and a multi-turn conversation', () => {
    const { value, warnings } = encode({
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Be kind.' },
      ],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello' }, { type: 'text', text: ' there' }] },
        { role: 'system', content: [{ type: 'text', text: 'Switch to French.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      ],
    });
    expect(value).toEqual({
      model: 'deepseek-chat',
      messages: [
        { role: 'system', content: 'Be brief.\n\nBe kind.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello there' },
        { role: 'system', content: 'Switch to French.' },
        { role: 'user', content: 'Again' },
      ],
      stream: false,
    });
    expect(warnings).toEqual([]);
  });

  it('encodes images (base64 -> data URL, URL kept, detail kept), audio and documents', () => {
    const { value, warnings } = encode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA=' }, detail: 'low' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'audio/mpeg', data: 'SUQz' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'doc.pdf' },
            { type: 'file', source: { kind: 'url', url: 'gs://bucket/doc.pdf' } },
          ],
        },
      ],
    });
    expect(value.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA=', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'doc.pdf' } },
        ],
      },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[5]']);
  });

  it('encodes tools, tool_choice, parallel calls, and tool results; media of results follow as a user message', () => {
    const { value, warnings } = encode({
      tools: [{ name: 'read', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } }, strict: true, cacheControl: { type: 'ephemeral' } }],
      toolChoice: { type: 'tool', name: 'read' },
      parallelToolCalls: true,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'toolu_1', name: 'read', arguments: '{"path":"a"}' },
            { type: 'tool-call', id: 'toolu_2', name: 'read', arguments: '' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'A' }] },
            {
              type: 'tool-result',
              toolCallId: 'toolu_2',
              isError: true,
              content: [
                { type: 'text', text: 'see' },
                { type: 'text', text: ' image' },
                { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA=' } },
              ],
            },
          ],
        },
      ],
    });
    expect(value.tools).toEqual([
      { type: 'function', function: { name: 'read', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: true } },
    ]);
    expect(value.tool_choice).toEqual({ type: 'function', function: { name: 'read' } });
    expect(value.parallel_tool_calls).toBe(true);
    expect(value.messages).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'read', arguments: '{"path":"a"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'read', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'A' },
      { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: 'see' }, { type: 'text', text: ' image' }] },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAA=' } }] },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[1].content[1].isError', 'messages[1].content[1].content', 'tools.read.cacheControl']);
  });

  it('omits parallel_tool_calls without tools (OpenAI rejects it there)', () => {
    expect(encode({ parallelToolCalls: false }).value).not.toHaveProperty('parallel_tool_calls');
  });

  it.each([
    [{ type: 'auto' } as const, 'auto'],
    [{ type: 'none' } as const, 'none'],
    [{ type: 'required' } as const, 'required'],
  ])('tool choice %j -> %j', (choice, expected) => {
    expect(encode({ toolChoice: choice }).value.tool_choice).toBe(expected);
  });

  it('replays reasoning as reasoning_content; signatures and redacted reasoning are dropped with a warning', () => {
    const { value, warnings } = encode({
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Let me think.', signature: 'sig', signatureFormat: 'anthropic' },
            { type: 'reasoning', text: '', redacted: true, signature: 'enc' },
            { type: 'text', text: 'Done.' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/x.png' } },
          ],
        },
      ],
    });
    expect(value.messages).toEqual([{ role: 'assistant', content: 'Done.', reasoning_content: 'Let me think.' }]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].reasoning', 'messages[0].reasoning', 'messages[0].image']);
  });

  it.each([
    [{ effort: 'high' } as const, { reasoning_effort: 'high' }, 0],
    [{ effort: 'none' } as const, { reasoning_effort: 'none' }, 0],
    [{ effort: 'auto' } as const, {}, 0],
    [{ effort: 'max' } as const, { reasoning_effort: 'xhigh' }, 1],
    [{ budgetTokens: 1000 }, { reasoning_effort: 'low' }, 1],
    [{ budgetTokens: 20000, includeThoughts: false }, { reasoning_effort: 'high' }, 2],
  ])('reasoning %j -> %j', (reasoning, expected, warningCount) => {
    const { value, warnings } = encode({ reasoning });
    expect(value.reasoning_effort).toBe((expected as { reasoning_effort?: string }).reasoning_effort);
    expect(warnings).toHaveLength(warningCount);
  });

  it('encodes JSON mode and JSON schema (name defaults to "response")', () => {
    expect(encode({ responseFormat: { type: 'json' } }).value.response_format).toEqual({ type: 'json_object' });
    expect(encode({ responseFormat: { type: 'text' } }).value.response_format).toEqual({ type: 'text' });
    expect(encode({ responseFormat: { type: 'json-schema', schema: { type: 'object' }, strict: true } }).value.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: { type: 'object' }, strict: true },
    });
  });

  it('encodes limits and sampling; streams always ask for usage', () => {
    const { value } = encode({
      maxOutputTokens: 256,
      temperature: 0.1,
      topP: 0.5,
      topK: 20,
      stopSequences: ['###'],
      seed: 3,
      presencePenalty: 1,
      frequencyPenalty: 0.5,
      candidateCount: 2,
      stream: true,
      includeUsage: false,
      user: 'u1',
    });
    expect(value).toMatchObject({
      max_tokens: 256,
      temperature: 0.1,
      top_p: 0.5,
      top_k: 20,
      stop: ['###'],
      seed: 3,
      presence_penalty: 1,
      frequency_penalty: 0.5,
      n: 2,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u1',
    });
  });
});

describe('OpenAI Chat request round trip (decode then encode)', () => {
  it.each([
    ['text', { model: 'm', messages: [{ role: 'user', content: 'Hello' }], stream: false }],
    ['system', { model: 'm', messages: [{ role: 'system', content: 'Rules' }, { role: 'user', content: 'Hi' }], stream: false }],
    [
      'multi-turn',
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'One' },
          { role: 'assistant', content: 'Two' },
          { role: 'user', content: 'Three' },
        ],
        stream: false,
      },
    ],
    [
      'images',
      {
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What?' },
              { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'auto' } },
              { type: 'image_url', image_url: { url: 'https://example.com/x.jpg' } },
            ],
          },
        ],
        stream: false,
      },
    ],
    [
      'tools',
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'w', arguments: '{"c":"P"}' } },
              { id: 'call_2', type: 'function', function: { name: 'w', arguments: '{"c":"R"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'sun' },
          { role: 'tool', tool_call_id: 'call_2', content: 'rain' },
        ],
        tools: [{ type: 'function', function: { name: 'w', description: 'weather', parameters: { type: 'object', properties: { c: { type: 'string' } } } } }],
        tool_choice: 'required',
        parallel_tool_calls: true,
        stream: false,
      },
    ],
    [
      'reasoning',
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'A', reasoning_content: 'hmm' },
          { role: 'user', content: 'Q2' },
        ],
        reasoning_effort: 'high',
        stream: false,
      },
    ],
    ['json schema', { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } }, stream: false }],
    ['limits', { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 5, stop: ['x', 'y'], temperature: 0, stream: false }],
  ])('%s', (_name, body) => {
    expect(roundTrip(body)).toEqual(body);
  });
});
