import { describe, expect, it } from 'vitest';
import type { CanonicalResponse, CanonicalStreamPart } from '../../canonical/index';
import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request';
import { encodeOpenAIResponsesResponse } from './encode-openai-responses-response';
import { createOpenAIResponsesStreamEncoder } from './encode-openai-responses-stream';
import { parseSseText } from './fixtures/parse-sse-text';
import { createTestContext } from './fixtures/test-context';
import { CUSTOM_TOOL_INPUT_SCHEMA, customCallInput, customToolNamesOf } from './openai-responses-custom-tools';

const patch = '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch';
const codexBody = {
  model: 'gpt-5-codex',
  input: [
    { role: 'user', content: 'add a.txt' },
    { type: 'custom_tool_call', call_id: 'call_p', name: 'apply_patch', input: patch },
    { type: 'custom_tool_call_output', call_id: 'call_p', output: 'Done!' },
  ],
  tools: [
    { type: 'custom', name: 'apply_patch', description: 'Edit files.', format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch' } },
    { type: 'function', name: 'shell', parameters: { type: 'object', properties: {} } },
  ],
  tool_choice: { type: 'custom', name: 'apply_patch' },
};

describe('custom (free-text) tools', () => {
  it('decode as function tools with an input string, calls as {"input": text}', () => {
    const { value, warnings } = decodeOpenAIResponsesRequest(codexBody, createTestContext());
    expect(value.tools[0]).toEqual({ name: 'apply_patch', description: 'Edit files.\n\nThe input must follow this lark grammar:\nstart: begin_patch', inputSchema: CUSTOM_TOOL_INPUT_SCHEMA });
    expect(value.toolChoice).toEqual({ type: 'tool', name: 'apply_patch' });
    expect(value.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_p', name: 'apply_patch', arguments: JSON.stringify({ input: patch }) }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_p', name: 'apply_patch', content: [{ type: 'text', text: 'Done!' }] }] },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['tools[0].format']);
  });

  it('names the custom tools of a client body and reads call input back', () => {
    expect([...customToolNamesOf(codexBody)]).toEqual(['apply_patch']);
    expect(customToolNamesOf('nope').size).toBe(0);
    expect(customCallInput(JSON.stringify({ input: patch }))).toBe(patch);
    expect(customCallInput('raw text')).toBe('raw text');
  });

  it('encode back as custom_tool_call items when the client declared them', () => {
    const response: CanonicalResponse = {
      id: 'resp_1',
      model: 'claude',
      created: 1,
      content: [{ type: 'tool-call', id: 'toolu_1', name: 'apply_patch', arguments: JSON.stringify({ input: patch }) }],
      finish: { reason: 'tool-calls' },
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    };
    const body = encodeOpenAIResponsesResponse(response, createTestContext(), { model: 'gpt-5-codex', customToolNames: new Set(['apply_patch']) });
    expect(body.output).toEqual([{ id: 'ctc_1', type: 'custom_tool_call', status: 'completed', call_id: 'toolu_1', name: 'apply_patch', input: patch }]);
    const plain = encodeOpenAIResponsesResponse(response, createTestContext(), { model: 'gpt-5-codex' });
    expect(plain.output[0]).toMatchObject({ type: 'function_call', arguments: JSON.stringify({ input: patch }) });
  });

  it('stream as custom_tool_call with the input events', () => {
    const encoder = createOpenAIResponsesStreamEncoder(createTestContext(), { model: 'gpt-5-codex', customToolNames: new Set(['apply_patch']) });
    const args = JSON.stringify({ input: patch });
    const parts: CanonicalStreamPart[] = [
      { type: 'response-start', id: 'resp_1', model: 'claude', created: 1 },
      { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'apply_patch' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: args.slice(0, 10) },
      { type: 'tool-call-delta', index: 0, argumentsDelta: args.slice(10) },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finish: { reason: 'tool-calls' }, usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } },
    ];
    const frames = parseSseText(parts.map((part) => encoder.encode(part)).join(''));
    expect(frames.map((frame) => frame.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(frames[2]?.data['item']).toEqual({ id: 'ctc_1', type: 'custom_tool_call', status: 'in_progress', call_id: 'toolu_1', name: 'apply_patch', input: '' });
    expect(frames[4]?.data).toMatchObject({ item_id: 'ctc_1', output_index: 0, input: patch });
    expect(frames[5]?.data['item']).toMatchObject({ type: 'custom_tool_call', input: patch, status: 'completed' });
  });
});
