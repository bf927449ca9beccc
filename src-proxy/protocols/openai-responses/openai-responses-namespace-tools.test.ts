import { describe, expect, it } from 'vitest';
import type { CanonicalResponse, CanonicalStreamPart } from '../../canonical/index';
import { openaiResponsesCodec } from './index';
import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request';
import { encodeOpenAIResponsesResponse } from './encode-openai-responses-response';
import { createOpenAIResponsesStreamEncoder } from './encode-openai-responses-stream';
import { parseSseText } from './fixtures/parse-sse-text';
import { createTestContext } from './fixtures/test-context';
import { flattenNamespacedToolName, namespacedToolName, namespacedToolNamesOf } from './openai-responses-namespace-tools';

const spawnSchema = { type: 'object', properties: { message: { type: 'string' } }, required: ['message'], additionalProperties: false };

/** The shape Codex CLI 0.171.0 sends: plain tools, its multi-agent namespace and an MCP server namespace. */
const codexBody = {
  model: 'gpt-5.5',
  instructions: 'You are Codex.',
  input: [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Delegate the search.' }] },
    { type: 'function_call', call_id: 'call_s1', name: 'spawn_agent', namespace: 'multi_agent_v1', arguments: '{"message":"find TODOs"}' },
    { type: 'function_call_output', call_id: 'call_s1', output: '{"agent_id":"a1"}' },
    { type: 'function_call', call_id: 'call_m1', name: 'get_forecast', namespace: 'mcp__weather__', arguments: '{"city":"Paris"}' },
    { type: 'function_call_output', call_id: 'call_m1', output: 'sunny' },
  ],
  tools: [
    { type: 'function', name: 'exec_command', description: 'Run a command.', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } } } },
    {
      type: 'namespace',
      name: 'multi_agent_v1',
      description: 'Tools in the multi_agent_v1 namespace.',
      tools: [
        { type: 'function', name: 'spawn_agent', description: 'Spawn a sub-agent.', strict: false, parameters: spawnSchema },
        { type: 'function', name: 'wait_agent', description: 'Wait for agents.', strict: false, parameters: { type: 'object', properties: {} } },
      ],
    },
    {
      type: 'namespace',
      name: 'mcp__weather__',
      description: 'Weather MCP server.',
      tools: [{ type: 'function', name: 'get_forecast', description: 'Forecast for a city.', strict: false, defer_loading: true, parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    },
    { type: 'web_search', external_web_access: false },
  ],
  tool_choice: 'auto',
  stream: true,
};

describe('namespace tool names', () => {
  it('flatten as <namespace>__<name> like Codex (stray underscores around the delimiter trimmed)', () => {
    expect(flattenNamespacedToolName('multi_agent_v1', 'spawn_agent')).toBe('multi_agent_v1__spawn_agent');
    expect(flattenNamespacedToolName('mcp__weather__', 'get_forecast')).toBe('mcp__weather__get_forecast');
    expect(flattenNamespacedToolName('mcp__weather', '_get_forecast')).toBe('mcp__weather__get_forecast');
  });

  it('shorten names over 64 characters or with other characters deterministically with a hash suffix', () => {
    const long = flattenNamespacedToolName('mcp__a_very_long_server_name_for_testing_limits', 'an_equally_long_tool_name_here');
    expect(long).toMatch(/^mcp__a_very_long_server_name_for_testing_limits__an_equ_[0-9a-f]{8}$/);
    expect(long).toHaveLength(64);
    expect(flattenNamespacedToolName('mcp__a_very_long_server_name_for_testing_limits', 'an_equally_long_tool_name_here')).toBe(long);
    expect(flattenNamespacedToolName('mcp__a_very_long_server_name_for_testing_limits', 'an_equally_long_tool_name_there')).not.toBe(long);
    expect(flattenNamespacedToolName('mcp__my.server', 'look up')).toMatch(/^mcp__my_server__look_up_[0-9a-f]{8}$/);
  });

  it('give a namespaced tool whose flat name is taken the hashed form; duplicates and malformed entries are ignored', () => {
    const names = namespacedToolNamesOf({
      tools: [
        { type: 'function', name: 'ns__a' },
        { type: 'namespace', name: 'ns', tools: [{ type: 'function', name: 'a' }, { type: 'function', name: 'b' }, { type: 'custom', name: 'c' }, 'junk'] },
        { type: 'namespace', name: 'ns_', tools: [{ type: 'function', name: 'b' }] },
        { type: 'namespace', name: 'ns', tools: [{ type: 'function', name: 'b' }] },
        { type: 'namespace', tools: [{ type: 'function', name: 'x' }] },
      ],
    });
    const flatA = namespacedToolName(names, 'ns', 'a');
    expect(flatA).toMatch(/^ns__a_[0-9a-f]{8}$/);
    expect(namespacedToolName(names, 'ns', 'b')).toBe('ns__b');
    expect(namespacedToolName(names, 'ns_', 'b')).toMatch(/^ns__b_[0-9a-f]{8}$/);
    expect(namespacedToolName(names, 'ns_', 'b')).not.toBe(flatA);
    expect([...names.toClient.values()]).toEqual([
      { namespace: 'ns', name: 'a' },
      { namespace: 'ns', name: 'b' },
      { namespace: 'ns_', name: 'b' },
    ]);
    expect(namespacedToolNamesOf('nope').toClient.size).toBe(0);
  });
});

describe('namespace tools: request decoding', () => {
  it('flattens each namespace into canonical function tools and keeps replayed call/result pairs matched', () => {
    const { value, warnings } = decodeOpenAIResponsesRequest(codexBody, createTestContext());
    expect(value.tools.map((tool) => tool.name)).toEqual(['exec_command', 'multi_agent_v1__spawn_agent', 'multi_agent_v1__wait_agent', 'mcp__weather__get_forecast']);
    expect(value.tools[1]).toEqual({ name: 'multi_agent_v1__spawn_agent', description: 'Spawn a sub-agent.', inputSchema: spawnSchema, strict: false });
    expect(value.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_s1', name: 'multi_agent_v1__spawn_agent', arguments: '{"message":"find TODOs"}' }],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_s1', name: 'multi_agent_v1__spawn_agent', content: [{ type: 'text', text: '{"agent_id":"a1"}' }] }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_m1', name: 'mcp__weather__get_forecast', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_m1', name: 'mcp__weather__get_forecast', content: [{ type: 'text', text: 'sunny' }] }] },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['tools[1].description', 'tools[2].description', 'tools[3]']);
  });

  it('maps a tool choice naming a namespaced tool; a replayed call of a tool no longer offered gets the plain flat name', () => {
    const body = {
      model: 'gpt-5.5',
      input: [{ type: 'function_call', call_id: 'c', name: 'old_tool', namespace: 'mcp__gone', arguments: '{}' }],
      tools: [{ type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'spawn_agent', parameters: spawnSchema }] }],
      tool_choice: { type: 'function', namespace: 'multi_agent_v1', name: 'spawn_agent' },
    };
    const { value } = decodeOpenAIResponsesRequest(body, createTestContext());
    expect(value.toolChoice).toEqual({ type: 'tool', name: 'multi_agent_v1__spawn_agent' });
    expect(value.messages[0]).toEqual({ role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'mcp__gone__old_tool', arguments: '{}' }] });
  });

  it('rejects a malformed namespace member with the exact path', () => {
    const body = { model: 'm', input: 'hi', tools: [{ type: 'namespace', name: 'ns', tools: [{ type: 'function', parameters: {} }] }] };
    expect(() => decodeOpenAIResponsesRequest(body, createTestContext())).toThrow(/tools\[0\]\.tools\[0\]\.name/);
  });
});

describe('namespace tools: calls back to the client', () => {
  const names = namespacedToolNamesOf(codexBody);
  const response: CanonicalResponse = {
    id: 'resp_1',
    model: 'claude',
    created: 1,
    content: [
      { type: 'tool-call', id: 'toolu_1', name: 'multi_agent_v1__spawn_agent', arguments: '{"message":"go"}' },
      { type: 'tool-call', id: 'toolu_2', name: 'exec_command', arguments: '{"cmd":"ls"}' },
    ],
    finish: { reason: 'tool-calls' },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  };

  it('write a call of a flattened tool as {type: function_call, name: <inner>, namespace}', () => {
    const body = encodeOpenAIResponsesResponse(response, createTestContext(), { model: 'gpt-5.5', namespacedToolNames: names });
    expect(body.output).toEqual([
      { id: 'fc_1', type: 'function_call', status: 'completed', arguments: '{"message":"go"}', call_id: 'toolu_1', name: 'spawn_agent', namespace: 'multi_agent_v1' },
      { id: 'fc_2', type: 'function_call', status: 'completed', arguments: '{"cmd":"ls"}', call_id: 'toolu_2', name: 'exec_command' },
    ]);
  });

  it('stream the call with the inner name and namespace in added/done items and the arguments.done event', () => {
    const encoder = createOpenAIResponsesStreamEncoder(createTestContext(), { model: 'gpt-5.5', namespacedToolNames: names });
    const parts: CanonicalStreamPart[] = [
      { type: 'response-start', id: 'resp_1', model: 'claude', created: 1 },
      { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'mcp__weather__get_forecast' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Oslo"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finish: { reason: 'tool-calls' }, usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } },
    ];
    const frames = parseSseText(parts.map((part) => encoder.encode(part)).join(''));
    const added = frames.find((frame) => frame.event === 'response.output_item.added');
    const done = frames.find((frame) => frame.event === 'response.output_item.done');
    const argumentsDone = frames.find((frame) => frame.event === 'response.function_call_arguments.done');
    const completed = frames.find((frame) => frame.event === 'response.completed');
    expect(added?.data['item']).toEqual({ id: 'fc_1', type: 'function_call', status: 'in_progress', arguments: '', call_id: 'toolu_1', name: 'get_forecast', namespace: 'mcp__weather__' });
    expect(done?.data['item']).toEqual({ id: 'fc_1', type: 'function_call', status: 'completed', arguments: '{"city":"Oslo"}', call_id: 'toolu_1', name: 'get_forecast', namespace: 'mcp__weather__' });
    expect(argumentsDone?.data).toMatchObject({ name: 'get_forecast', arguments: '{"city":"Oslo"}' });
    expect((completed?.data['response'] as { output: unknown[] }).output).toEqual([done?.data['item']]);
  });

  it('the codec takes the names from the client body, and the replayed call decodes to the same flat name', () => {
    const context = createTestContext();
    const decoded = openaiResponsesCodec.client.decodeRequest(codexBody, context, { model: 'gpt-5.5' } as never).value;
    const body = openaiResponsesCodec.client.encodeResponse(response, context, { model: 'gpt-5.5', clientBody: codexBody, canonical: decoded }) as { output: Array<Record<string, unknown>> };
    const call = body.output[0];
    expect(call).toMatchObject({ type: 'function_call', name: 'spawn_agent', namespace: 'multi_agent_v1' });
    const replay = { ...codexBody, input: [...codexBody.input, { ...call, id: undefined }, { type: 'function_call_output', call_id: 'toolu_1', output: 'ok' }] };
    const again = decodeOpenAIResponsesRequest(replay, createTestContext()).value;
    expect(again.messages.at(-2)).toEqual({ role: 'assistant', content: [{ type: 'tool-call', id: 'toolu_1', name: 'multi_agent_v1__spawn_agent', arguments: '{"message":"go"}' }] });
    expect(again.messages.at(-1)).toMatchObject({ role: 'tool', content: [{ toolCallId: 'toolu_1', name: 'multi_agent_v1__spawn_agent' }] });
  });
});
