import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { decodeOpenAIResponsesResponse } from './decode-openai-responses-response';
import { encodeOpenAIResponsesResponse } from './encode-openai-responses-response';
import { createTestContext } from './fixtures/test-context';

const upstreamBody = {
  id: 'resp_123',
  object: 'response',
  created_at: 1_700_000_000,
  status: 'completed',
  model: 'gpt-5-codex',
  output: [
    { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan.' }, { type: 'summary_text', text: 'Act.' }], encrypted_content: 'gAAAA' },
    {
      id: 'msg_1',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'See ', annotations: [{ type: 'url_citation', url: 'https://x.test', start_index: 0, end_index: 1, title: 't' }], logprobs: [] }, { type: 'refusal', refusal: 'no.' }],
    },
    { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'short_name', arguments: '{"a":1}' },
    { id: 'ws_1', type: 'web_search_call', status: 'completed' },
  ],
  usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 60, cache_write_tokens: 0 }, output_tokens: 20, output_tokens_details: { reasoning_tokens: 8 }, total_tokens: 120 },
};

describe('decodeOpenAIResponsesResponse', () => {
  it('decodes reasoning, text, refusal and function calls, ignores annotations, warns about hosted items', () => {
    const restore = { toolNames: new Map([['short_name', 'a.very.long.original.name']]) };
    const { value, warnings } = decodeOpenAIResponsesResponse(upstreamBody, createTestContext(), restore);
    expect(value).toEqual({
      id: 'resp_123',
      model: 'gpt-5-codex',
      created: 1_700_000_000,
      content: [
        { type: 'reasoning', text: 'Plan.\n\nAct.', signature: 'gAAAA', signatureFormat: 'openai-responses' },
        { type: 'text', text: 'See ' },
        { type: 'text', text: 'no.' },
        { type: 'tool-call', id: 'call_1', name: 'a.very.long.original.name', arguments: '{"a":1}' },
      ],
      finish: { reason: 'tool-calls', raw: 'completed' },
      usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 60, cacheCreationInputTokens: 0, reasoningTokens: 8, totalTokens: 120 },
    });
    expect(warnings.map((warning) => warning.field)).toEqual(['output[3]']);
  });

  it('reads incomplete responses and the terminal-event wrapper', () => {
    const wrapped = { type: 'response.incomplete', response: { ...upstreamBody, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] } };
    const { value } = decodeOpenAIResponsesResponse(wrapped, createTestContext());
    expect(value.finish).toEqual({ reason: 'length', raw: 'max_output_tokens' });
    expect(value.content).toEqual([]);
  });

  it('regression: drops an empty reasoning item (no summary, no encrypted_content: gpt-5 default) instead of empty reasoning', () => {
    const body = {
      ...upstreamBody,
      output: [
        { id: 'rs_empty', type: 'reasoning', summary: [] },
        { id: 'rs_signed', type: 'reasoning', summary: [], encrypted_content: 'gAAAA-only' },
        { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Bonjour !' }] },
      ],
    };
    const { value, warnings } = decodeOpenAIResponsesResponse(body, createTestContext());
    expect(value.content).toEqual([
      { type: 'reasoning', text: '', signature: 'gAAAA-only', signatureFormat: 'openai-responses' },
      { type: 'text', text: 'Bonjour !' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('tolerates missing fields and wrong types', () => {
    const { value } = decodeOpenAIResponsesResponse({ output: [{ type: 'message', content: [{ type: 'output_text', text: 'hi' }] }], usage: { input_tokens: 'x' } }, createTestContext());
    expect(value).toMatchObject({ id: 'resp_1', model: '', created: 1_750_000_000, content: [{ type: 'text', text: 'hi' }], finish: { reason: 'stop' } });
    expect(value.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it('turns a failed response into a ProxyError and a non-object into a protocol error', () => {
    const failed = () => decodeOpenAIResponsesResponse({ ...upstreamBody, status: 'failed', error: { code: 'rate_limit_exceeded', message: 'slow down' } }, createTestContext());
    expect(failed).toThrow(ProxyError);
    try {
      failed();
    } catch (error) {
      expect(error).toMatchObject({ code: 'PX_UPSTREAM_HTTP', httpStatus: 429, retryable: true, message: 'slow down' });
    }
    expect(() => decodeOpenAIResponsesResponse('nope', createTestContext())).toThrow(/not a response object/);
  });
});

const canonical: CanonicalResponse = {
  id: 'msg_01',
  model: 'claude-sonnet',
  created: 1_700_000_000,
  content: [
    { type: 'reasoning', text: 'thinking', signature: 'sig', signatureFormat: 'anthropic' },
    { type: 'text', text: 'Hello' },
    { type: 'text', text: ' world' },
    { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}' },
    { type: 'text', text: 'after' },
    { type: 'image', source: { kind: 'url', url: 'https://x.test/i.png' } },
  ],
  finish: { reason: 'tool-calls' },
  usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
};

describe('encodeOpenAIResponsesResponse', () => {
  it('gemini signature on an empty last part does not put an empty reasoning item after the answer', () => {
    const body = encodeOpenAIResponsesResponse({ ...canonical, content: [
      { type: 'text', text: 'Answer' },
      { type: 'reasoning', text: '', signature: 'end-sig', signatureFormat: 'gemini' },
    ], finish: { reason: 'stop' } }, createTestContext(), { model: 'm' });
    expect(body.output.map((item) => item.type)).toEqual(['message']);
  });

  it('writes the Responses object with items, usage details and echoed parameters', () => {
    const body = encodeOpenAIResponsesResponse(canonical, createTestContext(), { model: 'gpt-5', request: { instructions: 'x', temperature: 0.1 } });
    expect(body).toMatchObject({
      id: 'resp_msg_01',
      object: 'response',
      created_at: 1_700_000_000,
      status: 'completed',
      completed_at: 1_750_000_000,
      error: null,
      incomplete_details: null,
      model: 'gpt-5',
      instructions: 'x',
      temperature: 0.1,
      store: false,
      usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, output_tokens: 7, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 12 },
    });
    expect(body.output).toEqual([
      { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'thinking' }], encrypted_content: 'claude#sig' },
      { id: 'msg_2', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [], logprobs: [] }, { type: 'output_text', text: ' world', annotations: [], logprobs: [] }] },
      { id: 'fc_3', type: 'function_call', status: 'completed', arguments: '{}', call_id: 'toolu_1', name: 'f' },
      { id: 'msg_4', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'after', annotations: [], logprobs: [] }] },
    ]);
  });

  it('quirk: a length stop surfaces as incomplete (max_output_tokens), not completed', () => {
    const body = encodeOpenAIResponsesResponse({ ...canonical, content: [{ type: 'text', text: 'cut' }], finish: { reason: 'length' } }, createTestContext(), { model: 'm' });
    expect(body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [{ status: 'incomplete' }] });
    expect(body).not.toHaveProperty('completed_at');
  });

  it('writes an error finish as a failed response', () => {
    const body = encodeOpenAIResponsesResponse({ ...canonical, content: [], finish: { reason: 'error', raw: 'OTHER' } }, createTestContext(), { model: 'm' });
    expect(body).toMatchObject({ status: 'failed', error: { code: 'server_error', message: expect.stringContaining('OTHER') } });
  });

  it('regression: a Gemini signature on a tool call goes out as a reasoning item with encrypted_content before the function_call', () => {
    const content: CanonicalResponse['content'] = [
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Tokyo"}', signature: 'g-call-sig', signatureFormat: 'gemini' },
      { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: '{}' },
    ];
    const body = encodeOpenAIResponsesResponse({ ...canonical, content }, createTestContext(), { model: 'm' });
    expect(body.output).toEqual([
      { id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: 'gemini#g-call-sig' },
      { id: 'fc_2', type: 'function_call', status: 'completed', arguments: '{"city":"Tokyo"}', call_id: 'call_1', name: 'get_weather' },
      { id: 'fc_3', type: 'function_call', status: 'completed', arguments: '{}', call_id: 'call_2', name: 'get_time' },
    ]);
  });

  it('round trips through decode (Responses -> canonical -> Responses)', () => {
    const context = createTestContext();
    const decoded = decodeOpenAIResponsesResponse(upstreamBody, context).value;
    const body = encodeOpenAIResponsesResponse(decoded, context, { model: 'gpt-5-codex' });
    expect(body.id).toBe('resp_123');
    expect(body.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'function_call']);
    expect(body.output[0]).toMatchObject({ encrypted_content: 'gAAAA', summary: [{ text: 'Plan.\n\nAct.' }] });
    expect(body.usage).toEqual(upstreamBody.usage);
  });
});
