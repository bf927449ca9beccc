import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/index';
import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request';
import { encodeOpenAIResponsesRequest } from './encode-openai-responses-request';
import { createTestContext } from './fixtures/test-context';
import { buildOpenAIResponsesRestore, shortenCallId, shortenToolNames } from './openai-responses-names';

const base: CanonicalRequest = { model: 'gpt-5-codex', system: [], messages: [], tools: [], stream: false };
const encode = (request: Partial<CanonicalRequest>, codexBackend = false) =>
  encodeOpenAIResponsesRequest({ ...base, ...request }, createTestContext(), { codexBackend });

describe('encodeOpenAIResponsesRequest: text, system, turns', () => {
  it('writes system as instructions, messages as items, store false', () => {
    const { value, warnings } = encode({
      system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Be kind.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
        { role: 'system', content: [{ type: 'text', text: 'note' }] },
        { role: 'user', content: [{ type: 'text', text: 'again' }] },
      ],
      stream: true,
    });
    expect(value).toEqual({
      model: 'gpt-5-codex',
      instructions: 'Be brief.\n\nBe kind.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hello' }] },
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'note' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'again' }] },
      ],
      store: false,
      stream: true,
    });
    expect(warnings).toEqual([]);
  });

  it('codex backend: system as a leading developer message, empty instructions, sampling fields dropped', () => {
    const { value, warnings } = encode(
      {
        system: [{ type: 'text', text: 'rules' }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        maxOutputTokens: 100,
        temperature: 0.5,
        topP: 0.9,
        user: 'u',
      },
      true,
    );
    expect(value['instructions']).toBe('');
    expect(value['input']).toEqual([
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'rules' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    ]);
    for (const field of ['max_output_tokens', 'temperature', 'top_p', 'user']) expect(value).not.toHaveProperty(field);
    expect(warnings.map((warning) => warning.field)).toEqual(['maxOutputTokens', 'temperature', 'topP', 'user']);
  });

  it('writes max_output_tokens, temperature, top_p and user for api.openai.com, warns about fields Responses lacks', () => {
    const { value, warnings } = encode({ maxOutputTokens: 100, temperature: 0.5, topP: 0.9, user: 'u', stopSequences: ['END'], topK: 5, seed: 1 });
    expect(value).toMatchObject({ max_output_tokens: 100, temperature: 0.5, top_p: 0.9, user: 'u' });
    expect(warnings.map((warning) => warning.field)).toEqual(['topK', 'stopSequences', 'seed']);
    const penalties = encode({ presencePenalty: 1, frequencyPenalty: 1, candidateCount: 2, stopSequences: [] }).warnings;
    expect(penalties.map((warning) => warning.message)).toEqual([
      'the Responses API has no presencePenalty; dropped',
      'the Responses API has no frequencyPenalty; dropped',
      'the Responses API has no candidateCount; dropped',
    ]);
    expect(encode({ candidateCount: 1 }).warnings).toEqual([]);
  });
});

describe('encodeOpenAIResponsesRequest: media', () => {
  it('writes base64 and URL images, files and audio', () => {
    const { value } = encode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'aGVsbG8=' }, detail: 'high' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' } },
            { type: 'file', source: { kind: 'url', url: 'https://example.com/doc.pdf' }, filename: 'doc.pdf' },
            { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklGR' } },
          ],
        },
      ],
    });
    expect((value['input'] as Array<{ content: unknown }>)[0]?.content).toEqual([
      { type: 'input_image', image_url: 'data:image/png;base64,aGVsbG8=', detail: 'high' },
      { type: 'input_image', image_url: 'https://example.com/cat.jpg', detail: 'auto' },
      { type: 'input_file', filename: 'document.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
      { type: 'input_file', file_url: 'https://example.com/doc.pdf', filename: 'doc.pdf' },
      { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
    ]);
  });
});

describe('encodeOpenAIResponsesRequest: tools', () => {
  it('writes function tools with strict false by default and normalised parameters', () => {
    const { value } = encode({
      tools: [
        { name: 'get_weather', description: 'Weather', inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { city: { type: 'string' } } } },
        { name: 'ping', inputSchema: {}, strict: true },
      ],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: true,
    });
    expect(value['tools']).toEqual([
      { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false },
      { type: 'function', name: 'ping', parameters: { type: 'object', properties: {} }, strict: true },
    ]);
    expect(value['tool_choice']).toEqual({ type: 'function', name: 'get_weather' });
    expect(value['parallel_tool_calls']).toBe(true);
    expect(encode({ toolChoice: { type: 'required' } }).value['tool_choice']).toBe('required');
  });

  it('writes an assistant turn as reasoning, message and function_call items in order, results as outputs', () => {
    const { value, warnings } = encode({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Need both.', signature: 'gAAAA1', signatureFormat: 'openai-responses' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { type: 'tool-call', id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_a', content: [{ type: 'text', text: 'sunny' }] },
            { type: 'tool-result', toolCallId: 'call_b', content: [{ type: 'text', text: 'rain' }, { type: 'image', source: { kind: 'url', url: 'https://x.test/r.png' } }], isError: true },
          ],
        },
      ],
    });
    expect(value['input']).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'weather?' }] },
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Need both.' }], encrypted_content: 'gAAAA1' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
      { type: 'function_call', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
      { type: 'function_call_output', call_id: 'call_a', output: 'sunny' },
      {
        type: 'function_call_output',
        call_id: 'call_b',
        output: [
          { type: 'input_text', text: 'rain' },
          { type: 'input_image', image_url: 'https://x.test/r.png', detail: 'auto' },
        ],
      },
    ]);
    expect(value['include']).toEqual(['reasoning.encrypted_content']);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[2].content[1].isError']);
  });

  it('shortens long tool names deterministically and restores them through the restore map', () => {
    const longMcp = `mcp__${'server'.repeat(10)}__read_file`;
    const longPlain = 'x'.repeat(70);
    const request: CanonicalRequest = {
      ...base,
      tools: [
        { name: longMcp, inputSchema: { type: 'object' } },
        { name: longPlain, inputSchema: { type: 'object' } },
        { name: `${'x'.repeat(64)}_other`, inputSchema: { type: 'object' } },
        { name: 'mcp__read_file', inputSchema: { type: 'object' } },
        { name: 'has.dot', inputSchema: { type: 'object' } },
      ],
      messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: longMcp, arguments: '{}' }] }],
      toolChoice: { type: 'tool', name: longPlain },
    };
    const { value } = encodeOpenAIResponsesRequest(request, createTestContext());
    const names = (value['tools'] as Array<{ name: string }>).map((tool) => tool.name);
    expect(names).toEqual(['mcp__read_file_1', 'x'.repeat(64), `${'x'.repeat(62)}_1`, 'mcp__read_file', 'has_dot']);
    expect(names.every((name) => name.length <= 64)).toBe(true);
    expect(value['tool_choice']).toEqual({ type: 'function', name: 'x'.repeat(64) });
    expect((value['input'] as Array<{ name: string }>)[0]?.name).toBe('mcp__read_file_1');
    const restore = buildOpenAIResponsesRestore(request);
    expect(restore.toolNames.get('mcp__read_file_1')).toBe(longMcp);
    expect(restore.toolNames.get('x'.repeat(64))).toBe(longPlain);
    expect(restore.toolNames.get('has_dot')).toBe('has.dot');
    expect(restore.toolNames.has('mcp__read_file')).toBe(false);
  });

  it('shortens call ids over 64 characters the same way for calls and outputs', () => {
    const longId = `toolu_${'a'.repeat(80)}`;
    const { value } = encode({
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: longId, name: 'f', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: longId, content: [{ type: 'text', text: 'ok' }] }] },
      ],
    });
    const [call, output] = value['input'] as Array<{ call_id: string }>;
    expect(call?.call_id).toHaveLength(64);
    expect(call?.call_id).toBe(output?.call_id);
    expect(call?.call_id).toBe(shortenCallId(longId));
    expect(shortenCallId('call_short')).toBe('call_short');
    expect(shortenCallId(`${longId}b`)).not.toBe(shortenCallId(longId));
  });

  it('is deterministic for identical name lists', () => {
    const names = ['b'.repeat(70), 'b'.repeat(71)];
    expect([...shortenToolNames(names)]).toEqual([...shortenToolNames(names)]);
  });
});

describe('encodeOpenAIResponsesRequest: reasoning and formats', () => {
  it('maps effort and summary, and asks for encrypted reasoning', () => {
    expect(encode({ reasoning: { effort: 'high', includeThoughts: true } }).value).toMatchObject({
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
    });
    expect(encode({ reasoning: { budgetTokens: 1024 } }).value['reasoning']).toEqual({ effort: 'low' });
    const none = encode({ reasoning: { effort: 'none' } }).value;
    expect(none['reasoning']).toEqual({ effort: 'none' });
    expect(none).not.toHaveProperty('include');
    expect(encode({ reasoning: { effort: 'auto' } }).value).not.toHaveProperty('reasoning');
    const max = encode({ reasoning: { effort: 'max' } });
    expect(max.value['reasoning']).toEqual({ effort: 'xhigh' });
    expect(max.warnings[0]?.field).toBe('reasoning.effort');
    expect(encode({}).value).not.toHaveProperty('include');
  });

  it('quirk: reasoning is replayed only with a Responses signature', () => {
    const { value, warnings } = encode({
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'claude thought', signature: 'sig', signatureFormat: 'anthropic' },
            { type: 'reasoning', text: 'unsigned thought' },
            { type: 'text', text: 'answer' },
          ],
        },
      ],
    });
    expect(value['input']).toEqual([{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'answer' }] }]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[0]', 'messages[0].content[1]']);
  });

  it('writes JSON mode and JSON schema as text.format', () => {
    expect(encode({ responseFormat: { type: 'json' } }).value['text']).toEqual({ format: { type: 'json_object' } });
    const schema = { type: 'object', properties: {} };
    expect(encode({ responseFormat: { type: 'json-schema', name: 'out', schema, strict: true } }).value['text']).toEqual({
      format: { type: 'json_schema', name: 'out', schema, strict: true },
    });
    expect(encode({ responseFormat: { type: 'json-schema', schema } }).value['text']).toEqual({ format: { type: 'json_schema', name: 'response', schema } });
  });
});

describe('Responses request round trip', () => {
  it('decode -> encode keeps a Codex-style body', () => {
    const body = {
      model: 'gpt-5-codex',
      instructions: 'You are Codex.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list files' }] },
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Use shell.' }], encrypted_content: 'gAAAAB' },
        { type: 'function_call', call_id: 'call_1', name: 'shell', arguments: '{"command":["ls"]}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'a.txt' }] },
      ],
      tools: [{ type: 'function', name: 'shell', description: 'Run', parameters: { type: 'object', properties: { command: { type: 'array' } } }, strict: false }],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'medium', summary: 'auto' },
      text: { format: { type: 'json_object' } },
      max_output_tokens: 500,
      stream: true,
    };
    const context = createTestContext();
    const decoded = decodeOpenAIResponsesRequest(body, context);
    const encoded = encodeOpenAIResponsesRequest(decoded.value, context);
    expect(encoded.value).toEqual({ ...body, include: ['reasoning.encrypted_content'], store: false });
    expect(encoded.warnings).toEqual([]);
  });
});
