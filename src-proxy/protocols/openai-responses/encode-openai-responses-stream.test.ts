import { describe, expect, it } from 'vitest';
import type { CanonicalStreamPart, CanonicalUsage } from '../../canonical/index';
import { createOpenAIResponsesStreamDecoder } from './decode-openai-responses-stream';
import { createOpenAIResponsesStreamEncoder } from './encode-openai-responses-stream';
import { parseSseText, type ParsedFrame } from './fixtures/parse-sse-text';
import { createTestContext } from './fixtures/test-context';
import { reasoningStream, toolCallStream } from './fixtures/upstream-streams';

const usage: CanonicalUsage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

function encodeAll(parts: readonly CanonicalStreamPart[], request?: unknown): ParsedFrame[] {
  const encoder = createOpenAIResponsesStreamEncoder(createTestContext(), { model: 'client-model', request });
  const text = parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
  for (const frame of text.split('\n\n').filter(Boolean)) expect(frame).toMatch(/^event: [a-z_.]+\ndata: \{.*\}$/s);
  return parseSseText(text);
}

const started: CanonicalStreamPart = { type: 'response-start', id: 'msg_abc', model: 'claude-x', created: 1_700_000_000 };

describe('createOpenAIResponsesStreamEncoder', () => {
  it('writes the exact event sequence for text, with event names matching types and increasing sequence numbers', () => {
    const frames = encodeAll([
      started,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hel' },
      { type: 'text-delta', index: 0, delta: 'lo' },
      { type: 'text-end', index: 0 },
      { type: 'finish', finish: { reason: 'stop' }, usage },
    ]);
    expect(frames.map((frame) => frame.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    frames.forEach((frame, index) => {
      expect(frame.data['type']).toBe(frame.event);
      expect(frame.data['sequence_number']).toBe(index);
    });
    expect(frames[0]?.data['response']).toMatchObject({ id: 'resp_msg_abc', object: 'response', status: 'in_progress', model: 'client-model', output: [], usage: null });
    expect(frames[4]?.data).toMatchObject({ item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hel', logprobs: [] });
    expect(frames[6]?.data).toMatchObject({ text: 'Hello' });
    const completed = frames[9]?.data['response'] as Record<string, unknown>;
    expect(completed).toMatchObject({
      status: 'completed',
      output: [{ id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [], logprobs: [] }] }],
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 },
      incomplete_details: null,
      error: null,
    });
  });

  it('writes reasoning (summary + encrypted_content), text and function calls as separate items', () => {
    const frames = encodeAll([
      started,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'Let me ' },
      { type: 'reasoning-delta', index: 0, delta: 'think' },
      { type: 'reasoning-signature', index: 0, signature: 'sig-1', format: 'anthropic' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'Calling.' },
      { type: 'text-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'toolu_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 2 },
      { type: 'finish', finish: { reason: 'tool-calls' }, usage: { ...usage, reasoningTokens: 3 } },
    ]);
    expect(frames.map((frame) => frame.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(frames[3]?.data).toMatchObject({ item_id: 'rs_1', output_index: 0, summary_index: 0, part: { type: 'summary_text', text: '' } });
    expect(frames[8]?.data['item']).toEqual({ id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Let me think' }], encrypted_content: 'claude#sig-1' });
    expect(frames[15]?.data).toMatchObject({ output_index: 2, item: { id: 'fc_3', type: 'function_call', status: 'in_progress', arguments: '', call_id: 'toolu_1', name: 'get_weather' } });
    expect(frames[18]?.data).toMatchObject({ item_id: 'fc_3', output_index: 2, name: 'get_weather', arguments: '{"city":"Paris"}' });
    const completed = frames[20]?.data['response'] as { output: Array<Record<string, unknown>>; usage: Record<string, unknown> };
    expect(completed.output.map((item) => item['type'])).toEqual(['reasoning', 'message', 'function_call']);
    expect(completed.output[2]).toMatchObject({ status: 'completed', arguments: '{"city":"Paris"}' });
    expect(completed.usage).toMatchObject({ output_tokens_details: { reasoning_tokens: 3 } });
  });

  it('gemini signature on the last text part does not put an empty reasoning item after the answer', () => {
    const frames = encodeAll([
      started,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'No.' },
      { type: 'text-end', index: 0 },
      // How the Gemini stream decoder carries a signature that came on the text part.
      { type: 'reasoning-start', index: 1 },
      { type: 'reasoning-signature', index: 1, signature: 'g-text-sig', format: 'gemini' },
      { type: 'reasoning-end', index: 1 },
      { type: 'finish', finish: { reason: 'stop' }, usage },
    ]);
    const completed = frames.at(-1)?.data['response'] as { output: Array<Record<string, unknown>> };
    expect(completed.output.map((item) => item['type'])).toEqual(['message']);
    expect(frames.filter((frame) => frame.event === 'response.output_item.added')).toHaveLength(1);
  });

  it('writes a signature-only reasoning item once an item follows it, with consecutive output indexes', () => {
    const frames = encodeAll([
      started,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Checking.' },
      { type: 'text-end', index: 0 },
      { type: 'reasoning-start', index: 1 },
      { type: 'reasoning-end', index: 1 },
      { type: 'reasoning-start', index: 2 },
      { type: 'reasoning-signature', index: 2, signature: 'call-sig', format: 'gemini' },
      { type: 'reasoning-end', index: 2 },
      { type: 'tool-call-start', index: 3, id: 'call_1', name: 'f' },
      { type: 'tool-call-delta', index: 3, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 3 },
      { type: 'finish', finish: { reason: 'tool-calls' }, usage },
    ]);
    const added = frames.filter((frame) => frame.event === 'response.output_item.added').map((frame) => frame.data['output_index']);
    expect(added).toEqual([0, 1, 2]);
    const completed = frames.at(-1)?.data['response'] as { output: Array<Record<string, unknown>> };
    expect(completed.output.map((item) => [item['type'], item['encrypted_content']])).toEqual([
      ['message', undefined],
      ['reasoning', 'gemini#call-sig'],
      ['function_call', undefined],
    ]);
  });

  it('keeps consecutive text blocks in one message item as separate content parts', () => {
    const frames = encodeAll([
      started,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'a' },
      { type: 'text-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'b' },
      { type: 'text-end', index: 1 },
      { type: 'finish', finish: { reason: 'stop' }, usage },
    ]);
    const added = frames.filter((frame) => frame.event === 'response.content_part.added').map((frame) => frame.data['content_index']);
    expect(added).toEqual([0, 1]);
    expect(frames.filter((frame) => frame.event === 'response.output_item.added')).toHaveLength(1);
  });

  it('quirk: a length stop is response.incomplete with max_output_tokens, not completed', () => {
    const frames = encodeAll([
      started,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'cut' },
      { type: 'finish', finish: { reason: 'length' }, usage },
    ]);
    expect(frames.map((frame) => frame.event).slice(-5)).toEqual([
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    const last = frames.at(-1)?.data['response'] as Record<string, unknown>;
    expect(last).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [{ status: 'incomplete' }] });
    const filtered = encodeAll([started, { type: 'finish', finish: { reason: 'content-filter' }, usage }]).at(-1)?.data['response'];
    expect(filtered).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
  });

  it('ends with response.failed then an error event on a canonical error part', () => {
    const frames = encodeAll([
      started,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'par' },
      { type: 'error', error: { message: 'overloaded', status: 529 } },
      { type: 'text-delta', index: 0, delta: 'ignored' },
    ]);
    expect(frames.map((frame) => frame.event).slice(-2)).toEqual(['response.failed', 'error']);
    expect(frames.at(-2)?.data['response']).toMatchObject({
      status: 'failed',
      error: { code: 'server_error', message: 'overloaded' },
      output: [{ type: 'message', status: 'incomplete', content: [{ text: 'par' }] }],
    });
    expect(frames.at(-1)?.data).toEqual({ type: 'error', sequence_number: frames.length - 1, code: 'server_error', message: 'overloaded', param: null });
    const limited = encodeAll([started, { type: 'error', error: { message: 'slow', status: 429 } }]).at(-1)?.data;
    expect(limited).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('writes a finish with reason error as response.failed', () => {
    const frames = encodeAll([started, { type: 'finish', finish: { reason: 'error', raw: 'MALFORMED' }, usage }]);
    expect(frames.map((frame) => frame.event)).toEqual(['response.created', 'response.in_progress', 'response.failed', 'error']);
    expect(frames[2]?.data['response']).toMatchObject({ status: 'failed', error: { code: 'server_error' }, usage: { total_tokens: 15 } });
  });

  it('closes blocks left open at finish and merges earlier usage parts', () => {
    const frames = encodeAll([
      started,
      { type: 'usage', usage: { inputTokens: 7, cachedInputTokens: 2 } },
      { type: 'tool-call-start', index: 0, id: 'c1', name: 'f' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{}' },
      { type: 'finish', finish: { reason: 'tool-calls' }, usage: { inputTokens: 0, outputTokens: 3, totalTokens: 0 } },
    ]);
    expect(frames.map((frame) => frame.event).slice(-3)).toEqual(['response.function_call_arguments.done', 'response.output_item.done', 'response.completed']);
    expect(frames.at(-1)?.data['response']).toMatchObject({ usage: { input_tokens: 7, input_tokens_details: { cached_tokens: 2 }, output_tokens: 3, total_tokens: 10 } });
  });

  it('writes interleaved canonical tool calls (parallel Chat deltas) as concurrent items with their own output_index', () => {
    const frames = encodeAll([
      started,
      { type: 'tool-call-start', index: 0, id: 'a', name: 'f' },
      { type: 'tool-call-start', index: 1, id: 'b', name: 'g' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"y":2}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":1}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', finish: { reason: 'tool-calls' }, usage },
    ]);
    const deltas = frames.filter((frame) => frame.event === 'response.function_call_arguments.delta').map((frame) => [frame.data['output_index'], frame.data['delta']]);
    expect(deltas).toEqual([
      [1, '{"y":2}'],
      [0, '{"x":1}'],
    ]);
    const output = (frames.at(-1)?.data['response'] as { output: Array<Record<string, unknown>> }).output;
    expect(output.map((item) => [item['call_id'], item['arguments']])).toEqual([
      ['a', '{"x":1}'],
      ['b', '{"y":2}'],
    ]);
  });

  it('echoes request parameters in the response objects', () => {
    const frames = encodeAll([started, { type: 'finish', finish: { reason: 'stop' }, usage }], {
      instructions: 'Be brief.',
      tools: [{ type: 'function', name: 'f' }],
      temperature: 0.3,
      store: false,
    });
    expect(frames.at(-1)?.data['response']).toMatchObject({ instructions: 'Be brief.', tools: [{ type: 'function', name: 'f' }], temperature: 0.3, store: false, tool_choice: 'auto' });
  });

  it('re-encodes decoded upstream streams with the same item structure (Responses -> canonical -> Responses)', () => {
    for (const upstream of [reasoningStream, toolCallStream]) {
      const context = createTestContext();
      const decoder = createOpenAIResponsesStreamDecoder(context);
      const encoder = createOpenAIResponsesStreamEncoder(context, { model: 'gpt-5-codex' });
      const parts = [...upstream.flatMap((event) => decoder.decode(event)), ...decoder.flush()];
      const frames = parseSseText(parts.map((part) => encoder.encode(part)).join(''));
      const upstreamTypes = upstream.map((event) => event.event).filter((type) => type !== 'response.reasoning_summary_part.added' && type !== 'response.reasoning_summary_text.done' && type !== 'response.reasoning_summary_part.done');
      const ourTypes = frames.map((frame) => frame.event).filter((type) => type !== 'response.reasoning_summary_part.added' && type !== 'response.reasoning_summary_text.done' && type !== 'response.reasoning_summary_part.done');
      expect(ourTypes).toEqual(upstreamTypes);
    }
  });
});
