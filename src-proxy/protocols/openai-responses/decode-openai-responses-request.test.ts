import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request';
import { createTestContext } from './fixtures/test-context';

const decode = (body: Record<string, unknown>) => decodeOpenAIResponsesRequest({ model: 'gpt-5', ...body }, createTestContext());

function decodeError(body: unknown): ProxyError {
  try {
    decodeOpenAIResponsesRequest(body, createTestContext());
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

describe('decodeOpenAIResponsesRequest: text, system, turns', () => {
  it('turns a string input into one user message and instructions into system', () => {
    const { value, warnings } = decode({ instructions: 'Be brief.', input: 'Hello', stream: true });
    expect(value).toEqual({
      model: 'gpt-5',
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      tools: [],
      stream: true,
      includeUsage: true,
    });
    expect(warnings).toEqual([]);
  });

  it('quirk: developer role stays system (leading ones join system, later ones stay in place, never user)', () => {
    const { value } = decode({
      instructions: 'base',
      input: [
        { role: 'developer', content: 'dev rules' },
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'sys rules' }] },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'output_text', text: 'hello', annotations: [] }] },
        { role: 'developer', content: 'mid-conversation note' },
        { role: 'user', content: [{ type: 'input_text', text: 'again' }] },
      ],
    });
    expect(value.system.map((part) => part.text)).toEqual(['base', 'dev rules', 'sys rules']);
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
      { role: 'system', content: [{ type: 'text', text: 'mid-conversation note' }] },
      { role: 'user', content: [{ type: 'text', text: 'again' }] },
    ]);
  });

  it('reads assistant refusals as text', () => {
    const { value } = decode({ input: [{ role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot.' }] }] });
    expect(value.messages[0]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'I cannot.' }] });
  });
});

describe('decodeOpenAIResponsesRequest: images and files', () => {
  it('decodes base64 and URL images, files, and warns about file ids', () => {
    const { value, warnings } = decode({
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'data:image/png;base64,aGVsbG8=', detail: 'low' },
            { type: 'input_image', image_url: 'https://example.com/cat.jpg', detail: 'original' },
            { type: 'input_image', file_id: 'file-123', detail: 'auto' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
            { type: 'input_file', file_data: 'JVBERi0=', filename: 'b.pdf' },
            { type: 'input_file', file_url: 'https://example.com/c.pdf' },
          ],
        },
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'aGVsbG8=' }, detail: 'low' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' }, detail: 'high' },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'a.pdf' },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'b.pdf' },
      { type: 'file', source: { kind: 'url', url: 'https://example.com/c.pdf' } },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['input[0].content[1].detail', 'input[0].content[2].file_id']);
  });
});

describe('decodeOpenAIResponsesRequest: tools', () => {
  it('keeps function tools, drops built-in tools with a warning, maps tool_choice and parallel_tool_calls', () => {
    const { value, warnings } = decode({
      input: 'weather?',
      tools: [
        { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
        { type: 'web_search' },
        { type: 'function', name: 'no_params', parameters: null, strict: null },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
    });
    expect(value.tools).toEqual([
      { name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
      { name: 'no_params', inputSchema: { type: 'object', properties: {} } },
    ]);
    expect(value.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(value.parallelToolCalls).toBe(false);
    expect(warnings).toEqual([{ field: 'tools[1]', message: expect.stringContaining('web_search') }]);
  });

  it.each([
    ['none', { type: 'none' }],
    ['auto', { type: 'auto' }],
    ['required', { type: 'required' }],
    [{ type: 'allowed_tools', mode: 'required', tools: [] }, { type: 'required' }],
  ])('maps tool_choice %j', (choice, expected) => {
    expect(decode({ input: 'x', tool_choice: choice }).value.toolChoice).toEqual(expected);
  });

  it('decodes parallel function calls and their outputs with ids and names', () => {
    const { value } = decode({
      input: [
        { role: 'user', content: 'weather in Paris and Rome' },
        { type: 'function_call', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}', id: 'fc_1', status: 'completed' },
        { type: 'function_call', call_id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'call_a', output: 'sunny' },
        { type: 'function_call_output', call_id: 'call_b', output: [{ type: 'input_text', text: 'rain' }, { type: 'input_image', image_url: 'https://x.test/r.png' }] },
        { role: 'assistant', content: 'Paris sunny, Rome rain.' },
      ],
    });
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome' }] },
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
          {
            type: 'tool-result',
            toolCallId: 'call_b',
            name: 'get_weather',
            content: [{ type: 'text', text: 'rain' }, { type: 'image', source: { kind: 'url', url: 'https://x.test/r.png' } }],
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Paris sunny, Rome rain.' }] },
    ]);
  });
});

describe('decodeOpenAIResponsesRequest: quirks', () => {
  it('quirk: duplicate function_call_output ids are kept in order, not merged', () => {
    const { value } = decode({
      input: [
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'first' },
        { type: 'function_call_output', call_id: 'c1', output: 'second' },
      ],
    });
    expect(value.messages[1]?.content.map((part) => (part.type === 'tool-result' ? part.content : []))).toEqual([
      [{ type: 'text', text: 'first' }],
      [{ type: 'text', text: 'second' }],
    ]);
  });

  it('quirk: an empty reasoning summary stays empty (no placeholder text)', () => {
    const { value } = decode({ input: [{ type: 'reasoning', summary: [], encrypted_content: 'gAAAA' }] });
    expect(value.messages[0]?.content).toEqual([{ type: 'reasoning', text: '', signature: 'gAAAA', signatureFormat: 'openai-responses' }]);
  });
});

describe('decodeOpenAIResponsesRequest: reasoning', () => {
  it('decodes reasoning items with their encrypted_content as an openai-responses signature, in turn order', () => {
    const { value } = decode({
      input: [
        { role: 'user', content: 'think' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'First.' }, { type: 'summary_text', text: 'Second.' }], encrypted_content: 'gAAAAenc' },
        { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'First.\n\nSecond.', signature: 'gAAAAenc', signatureFormat: 'openai-responses' },
        { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
      ],
    });
  });

  it('recognises foreign signatures the proxy tagged earlier, and reasoning_text content', () => {
    const { value } = decode({
      input: [
        { type: 'reasoning', summary: [], encrypted_content: 'claude#sig-1' },
        { type: 'reasoning', summary: [], encrypted_content: 'claude-redacted#blob' },
        { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'raw thought' }], encrypted_content: 'gemini#g-sig' },
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'reasoning', text: '', signature: 'sig-1', signatureFormat: 'anthropic' },
      { type: 'reasoning', text: '', signature: 'blob', signatureFormat: 'anthropic', redacted: true },
      { type: 'reasoning', text: 'raw thought', signature: 'g-sig', signatureFormat: 'gemini' },
    ]);
  });

  it('maps reasoning.effort and summary', () => {
    expect(decode({ input: 'x', reasoning: { effort: 'high', summary: 'auto' } }).value.reasoning).toEqual({ effort: 'high', includeThoughts: true });
    expect(decode({ input: 'x', reasoning: { effort: 'minimal' } }).value.reasoning).toEqual({ effort: 'minimal' });
    const detailed = decode({ input: 'x', reasoning: { summary: 'detailed' } });
    expect(detailed.value.reasoning).toEqual({ includeThoughts: true });
    expect(detailed.warnings[0]?.field).toBe('reasoning.summary');
    expect(decode({ input: 'x', reasoning: { effort: null, summary: null } }).value.reasoning).toBeUndefined();
  });
});

describe('decodeOpenAIResponsesRequest: output controls and wire-only fields', () => {
  it('maps text.format json_schema and json_object', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    expect(decode({ input: 'x', text: { format: { type: 'json_schema', name: 'thing', schema, strict: true } } }).value.responseFormat).toEqual({
      type: 'json-schema',
      name: 'thing',
      schema,
      strict: true,
    });
    expect(decode({ input: 'x', text: { format: { type: 'json_object' } } }).value.responseFormat).toEqual({ type: 'json' });
    expect(decode({ input: 'x', text: { format: { type: 'text' } } }).value.responseFormat).toEqual({ type: 'text' });
  });

  it('maps max_output_tokens, temperature, top_p and user', () => {
    const { value } = decode({ input: 'x', max_output_tokens: 256, temperature: 0.2, top_p: 0.9, user: 'u-1' });
    expect(value).toMatchObject({ maxOutputTokens: 256, temperature: 0.2, topP: 0.9, user: 'u-1', stream: false });
  });

  it('warns that previous_response_id cannot be honoured and ignores store/include/prompt_cache_key silently', () => {
    const { warnings } = decode({ input: 'x', previous_response_id: 'resp_1', store: true, include: ['reasoning.encrypted_content'], prompt_cache_key: 'k' });
    expect(warnings.map((warning) => warning.field)).toEqual(['previous_response_id']);
  });

  it('drops item references and unknown item types with warnings', () => {
    const { value, warnings } = decode({ input: [{ type: 'item_reference', id: 'msg_1' }, { type: 'web_search_call', id: 'ws_1' }, { role: 'user', content: 'ok' }] });
    expect(value.messages).toHaveLength(1);
    expect(warnings.map((warning) => warning.field)).toEqual(['input[0]', 'input[1]']);
  });
});

describe('decodeOpenAIResponsesRequest: invalid requests', () => {
  it('names every wrong-typed field', () => {
    const error = decodeError({
      model: 'gpt-5',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 42 }] }, { type: 'function_call', name: 'f', arguments: '{}' }],
      max_output_tokens: 'many',
      reasoning: { effort: 'ultra' },
      tools: [{ type: 'function' }],
      stream: 'yes',
    });
    expect(error.code).toBe('PX_INVALID_REQUEST');
    expect(error.httpStatus).toBe(400);
    for (const field of ['max_output_tokens', 'stream']) expect(error.message).toContain(field);
  });

  it('names item-level fields once the top level is valid', () => {
    const error = decodeError({
      model: 'gpt-5',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 42 }] },
        { type: 'function_call', name: 'f', arguments: '{}' },
        { role: 'robot', content: 'x' },
        { type: 'input_image' },
      ],
      reasoning: { effort: 'ultra' },
      tools: [{ type: 'function' }],
    });
    for (const field of ['input[0].content[0].text', 'input[1].call_id', 'input[2].role', 'reasoning.effort', 'tools[0].name']) {
      expect(error.message).toContain(field);
    }
    expect(error.details).toEqual({ param: 'input[0].content[0].text' });
  });

  it('requires model and input', () => {
    expect(decodeError({ input: 'x' }).message).toContain('model');
    expect(decodeError({ model: 'gpt-5' }).message).toContain('input: input is required');
    expect(decodeError('not an object').code).toBe('PX_INVALID_REQUEST');
  });
});
