import { describe, expect, it } from 'vitest';
import type { CanonicalStreamPart } from '../../canonical/index';
import type { SseEvent } from '../../sse/sse-event';
import { streamInvariantViolations } from '../../../test/conformance/check-stream-invariants';
import { createOpenAIResponsesStreamDecoder } from './decode-openai-responses-stream';
import { createTestContext } from './fixtures/test-context';
import {
  completedOnlyStream,
  errorEventStream,
  failedStream,
  incompleteStream,
  reasoningStream,
  sse,
  textStream,
  toolCallStream,
  truncatedStream,
} from './fixtures/upstream-streams';
import type { OpenAIResponsesRestore } from './openai-responses-names';

function decodeAll(events: readonly SseEvent[], restore?: OpenAIResponsesRestore): CanonicalStreamPart[] {
  const decoder = createOpenAIResponsesStreamDecoder(createTestContext(), restore);
  const parts = events.flatMap((event) => decoder.decode(event));
  return [...parts, ...decoder.flush()];
}

const usage = { inputTokens: 12, outputTokens: 30, cachedInputTokens: 4, reasoningTokens: 20, totalTokens: 42 };
const start = { type: 'response-start', id: 'resp_up1', model: 'gpt-5-codex', created: 1_700_000_000 };

describe('createOpenAIResponsesStreamDecoder', () => {
  it('decodes a text stream', () => {
    const parts = decodeAll(textStream);
    expect(parts).toEqual([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hel' },
      { type: 'text-delta', index: 0, delta: 'lo' },
      { type: 'text-end', index: 0 },
      { type: 'finish', finish: { reason: 'stop', raw: 'completed' }, usage },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('decodes reasoning summaries as one block with the final encrypted_content as signature', () => {
    const parts = decodeAll(reasoningStream);
    expect(parts).toEqual([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'Think' },
      { type: 'reasoning-delta', index: 0, delta: 'ing' },
      { type: 'reasoning-delta', index: 0, delta: '\n\nMore' },
      { type: 'reasoning-signature', index: 0, signature: 'gAAAA-final', format: 'openai-responses' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'Answer' },
      { type: 'text-end', index: 1 },
      { type: 'finish', finish: { reason: 'stop', raw: 'completed' }, usage },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('decodes parallel function calls with argument deltas and finishes with tool-calls', () => {
    const parts = decodeAll(toolCallStream);
    expect(parts).toEqual([
      start,
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Rome"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', finish: { reason: 'tool-calls', raw: 'completed' }, usage },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('quirk: interleaved parallel function calls stay parallel blocks (not serialised)', () => {
    const added = (index: number, callId: string) =>
      sse('response.output_item.added', { output_index: index, item: { id: `fc_${index}`, type: 'function_call', arguments: '', call_id: callId, name: 'f' } });
    const delta = (index: number, text: string) => sse('response.function_call_arguments.delta', { item_id: `fc_${index}`, output_index: index, delta: text });
    const done = (index: number, callId: string, args: string) =>
      sse('response.output_item.done', { output_index: index, item: { id: `fc_${index}`, type: 'function_call', arguments: args, call_id: callId, name: 'f' } });
    const parts = decodeAll([
      added(0, 'a'),
      added(1, 'b'),
      delta(0, '{"x":'),
      delta(1, '{"y":'),
      delta(0, '1}'),
      delta(1, '2}'),
      done(1, 'b', '{"y":2}'),
      done(0, 'a', '{"x":1}'),
      sse('response.completed', { response: { status: 'completed' } }),
    ]);
    expect(parts.slice(1, -1).map((part) => `${part.type}:${'index' in part ? part.index : ''}`)).toEqual([
      'tool-call-start:0',
      'tool-call-start:1',
      'tool-call-delta:0',
      'tool-call-delta:1',
      'tool-call-delta:0',
      'tool-call-delta:1',
      'tool-call-end:1',
      'tool-call-end:0',
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('restores shortened tool names', () => {
    const restore = { toolNames: new Map([['get_weather', 'mcp__weather__get_weather_for_a_very_long_named_city']]) };
    const parts = decodeAll(toolCallStream, restore);
    expect(parts[1]).toMatchObject({ type: 'tool-call-start', name: 'mcp__weather__get_weather_for_a_very_long_named_city' });
  });

  it('maps response.incomplete max_output_tokens to length', () => {
    const parts = decodeAll(incompleteStream);
    expect(parts.at(-1)).toEqual({ type: 'finish', finish: { reason: 'length', raw: 'max_output_tokens' }, usage });
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('turns response.failed into an error part with the upstream code', () => {
    const parts = decodeAll(failedStream);
    expect(parts).toEqual([start, { type: 'error', error: { message: 'Slow down', status: 429, code: 'rate_limit_exceeded' } }]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('turns an error event into an error part, closing open blocks first and ignoring what follows', () => {
    const parts = decodeAll(errorEventStream);
    expect(parts.slice(-3)).toEqual([
      { type: 'text-delta', index: 0, delta: 'partial' },
      { type: 'text-end', index: 0 },
      { type: 'error', error: { message: 'The server had an error', status: 500, code: 'server_error' } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('reads the nested error form some upstreams send', () => {
    const parts = decodeAll([sse('error', { error: { type: 'invalid_request_error', code: 'context_length_exceeded', message: 'too long' } })]);
    expect(parts.at(-1)).toEqual({ type: 'error', error: { message: 'too long', status: 400, code: 'context_length_exceeded' } });
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('ends a truncated stream with an error part, never hanging', () => {
    const parts = decodeAll(truncatedStream);
    expect(parts.slice(-2)).toEqual([
      { type: 'text-end', index: 0 },
      { type: 'error', error: { message: 'The upstream stream ended before response.completed.', status: 502, code: 'stream_truncated' } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
    const empty = decodeAll([]);
    expect(empty.map((part) => part.type)).toEqual(['response-start', 'error']);
    expect(streamInvariantViolations(empty)).toEqual([]);
  });

  it('hydrates items that only appear in response.completed', () => {
    const parts = decodeAll(completedOnlyStream);
    expect(parts).toEqual([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'why' },
      { type: 'reasoning-signature', index: 0, signature: 'gAAAA9', format: 'openai-responses' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'Whole answer' },
      { type: 'text-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'call_9', name: 'ping' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 2 },
      { type: 'finish', finish: { reason: 'tool-calls', raw: 'completed' }, usage },
    ]);
  });

  it('emits text given only in .done events, and items given only in output_item.done', () => {
    const parts = decodeAll([
      sse('response.created', { response: { id: 'resp_x', model: 'm', created_at: 1, status: 'in_progress', output: [] } }),
      sse('response.output_text.done', { item_id: 'msg_1', output_index: 0, content_index: 0, text: 'all at once' }),
      sse('response.output_item.done', { output_index: 1, item: { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"a":1}' } }),
      sse('response.output_item.done', { output_index: 2, item: { type: 'message', content: [{ type: 'output_text', text: 'late' }] } }),
      sse('response.completed', { response: { status: 'completed' } }),
    ]);
    expect(parts.filter((part) => part.type.endsWith('-delta'))).toEqual([
      { type: 'text-delta', index: 0, delta: 'all at once' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"a":1}' },
      { type: 'text-delta', index: 2, delta: 'late' },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('ignores [DONE], unknown events, non-JSON data and anything after the terminal event', () => {
    const decoder = createOpenAIResponsesStreamDecoder(createTestContext());
    expect(decoder.decode({ data: '[DONE]' })).toEqual([]);
    expect(decoder.decode({ data: 'not json' })).toEqual([]);
    expect(decoder.decode(sse('response.web_search_call.searching', { output_index: 0 }))).toEqual([]);
    const parts = textStream.flatMap((event) => decoder.decode(event));
    expect(parts.at(-1)?.type).toBe('finish');
    expect(decoder.decode(sse('response.output_text.delta', { output_index: 0, content_index: 0, delta: 'x' }))).toEqual([]);
    expect(decoder.flush()).toEqual([]);
  });

  it('reads the type from the event line when the JSON omits it', () => {
    const decoder = createOpenAIResponsesStreamDecoder(createTestContext());
    const parts = decoder.decode({ event: 'response.created', data: JSON.stringify({ response: { id: 'resp_e', model: 'm', created_at: 5 } }) });
    expect(parts).toEqual([{ type: 'response-start', id: 'resp_e', model: 'm', created: 5 }]);
  });

  it('regression: an empty reasoning item (no summary, no encrypted_content) opens no block; indexes stay dense', () => {
    const parts = decodeAll([
      sse('response.created', { response: { id: 'resp_up1', model: 'gpt-5-codex', created_at: 1_700_000_000, status: 'in_progress', output: [] } }),
      sse('response.output_item.added', { output_index: 0, item: { id: 'rs_0', type: 'reasoning', summary: [] } }),
      sse('response.output_item.done', { output_index: 0, item: { id: 'rs_0', type: 'reasoning', summary: [] } }),
      sse('response.output_item.added', { output_index: 1, item: { id: 'msg_1', type: 'message', content: [] } }),
      sse('response.output_text.delta', { output_index: 1, content_index: 0, delta: 'Hi' }),
      sse('response.output_item.done', { output_index: 1, item: { id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Hi' }] } }),
      sse('response.output_item.added', { output_index: 2, item: { id: 'rs_2', type: 'reasoning', summary: [] } }),
      sse('response.reasoning_summary_part.added', { output_index: 2, summary_index: 0, part: { type: 'summary_text', text: '' } }),
      sse('response.reasoning_summary_part.done', { output_index: 2, summary_index: 0, part: { type: 'summary_text', text: '' } }),
      sse('response.output_item.done', { output_index: 2, item: { id: 'rs_2', type: 'reasoning', summary: [] } }),
      sse('response.output_item.added', { output_index: 3, item: { id: 'rs_3', type: 'reasoning', summary: [] } }),
      sse('response.output_item.done', { output_index: 3, item: { id: 'rs_3', type: 'reasoning', summary: [], encrypted_content: 'gAAAA-sig' } }),
      sse('response.completed', { response: { status: 'completed', output: [{ type: 'reasoning', summary: [] }] } }),
    ]);
    expect(parts).toEqual([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hi' },
      { type: 'text-end', index: 0 },
      { type: 'reasoning-start', index: 1 },
      { type: 'reasoning-signature', index: 1, signature: 'gAAAA-sig', format: 'openai-responses' },
      { type: 'reasoning-end', index: 1 },
      { type: 'finish', finish: { reason: 'stop', raw: 'completed' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('passes tagged foreign signatures back with their format', () => {
    const parts = decodeAll([
      sse('response.output_item.added', { output_index: 0, item: { id: 'rs', type: 'reasoning', summary: [] } }),
      sse('response.output_item.done', { output_index: 0, item: { id: 'rs', type: 'reasoning', summary: [], encrypted_content: 'claude#abc' } }),
      sse('response.completed', { response: { status: 'completed' } }),
    ]);
    expect(parts).toContainEqual({ type: 'reasoning-signature', index: 0, signature: 'abc', format: 'anthropic' });
    expect(streamInvariantViolations(parts)).toEqual([]);
  });
});
