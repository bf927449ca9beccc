import { describe, expect, it } from 'vitest';
import type { CanonicalStreamPart } from '../../canonical/index';
import { streamInvariantViolations } from '../../../test/conformance/check-stream-invariants';
import {
  overloadedStream,
  parseSse,
  serverToolStream,
  textStream,
  thinkingStream,
  toolStream,
  truncatedStream,
} from './anthropic-stream-fixtures';
import { createTestContext } from './anthropic-test-context';
import { createAnthropicMessagesStreamDecoder } from './decode-anthropic-messages-stream';

function decodeAll(text: string): CanonicalStreamPart[] {
  const decoder = createAnthropicMessagesStreamDecoder(createTestContext());
  const parts = parseSse(text).flatMap((event) => decoder.decode(event));
  return [...parts, ...decoder.flush()];
}

const created = 1_750_000_000;

describe('createAnthropicMessagesStreamDecoder', () => {
  it('decodes a text stream with usage', () => {
    const parts = decodeAll(textStream);
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts).toEqual([
      { type: 'response-start', id: 'msg_01Text', model: 'claude-sonnet-4-5-20250929', created },
      { type: 'usage', usage: { inputTokens: 25, outputTokens: 1, totalTokens: 26, cachedInputTokens: 0, cacheCreationInputTokens: 0 } },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hello' },
      { type: 'text-delta', index: 0, delta: ', world!' },
      { type: 'text-end', index: 0 },
      { type: 'usage', usage: { inputTokens: 25, outputTokens: 15, totalTokens: 40, cachedInputTokens: 0, cacheCreationInputTokens: 0 } },
      {
        type: 'finish',
        finish: { reason: 'stop', raw: 'end_turn' },
        usage: { inputTokens: 25, outputTokens: 15, totalTokens: 40, cachedInputTokens: 0, cacheCreationInputTokens: 0 },
      },
    ]);
  });

  it('decodes tool calls with argument deltas and fills empty arguments with {}', () => {
    const parts = decodeAll(toolStream);
    expect(streamInvariantViolations(parts)).toEqual([]);
    const toolParts = parts.filter((part) => part.type.startsWith('tool-call'));
    expect(toolParts).toEqual([
      { type: 'tool-call-start', index: 1, id: 'toolu_01T1x1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"location": "San Fra' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: 'ncisco, CA"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'toolu_01T1x2', name: 'get_time' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 2 },
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finish: { reason: 'tool-calls', raw: 'tool_use' }, usage: { inputTokens: 472, outputTokens: 89 } });
  });

  it('decodes thinking with its signature, redacted thinking, cache usage and the stop sequence', () => {
    const parts = decodeAll(thinkingStream);
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.filter((part) => part.type.startsWith('reasoning'))).toEqual([
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'First thought. ' },
      { type: 'reasoning-delta', index: 0, delta: 'Second thought.' },
      { type: 'reasoning-signature', index: 0, signature: 'EqQBCgIYAhIM1gbcDa9GJwZA', format: 'anthropic' },
      { type: 'reasoning-end', index: 0 },
      { type: 'reasoning-start', index: 1, redacted: true },
      { type: 'reasoning-signature', index: 1, signature: 'EmwKAhgBEgy3va3pzix', format: 'anthropic' },
      { type: 'reasoning-end', index: 1 },
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finish: { reason: 'stop', raw: 'stop_sequence', stopSequence: '\nEND' },
      usage: { inputTokens: 2112, outputTokens: 40, totalTokens: 2152, cachedInputTokens: 2000, cacheCreationInputTokens: 100, reasoningTokens: 30 },
    });
  });

  it('turns an upstream error event into an error part after closing open blocks', () => {
    const parts = decodeAll(overloadedStream);
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.slice(-2)).toEqual([
      { type: 'text-end', index: 0 },
      { type: 'error', error: { message: 'Overloaded', status: 529, code: 'overloaded_error' } },
    ]);
  });

  it('closes a truncated stream in flush and finishes with error', () => {
    const parts = decodeAll(truncatedStream);
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.slice(-3)).toEqual([
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"path": "/tm' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finish: { reason: 'error' }, usage: { inputTokens: 30, outputTokens: 1, totalTokens: 31 } },
    ]);
  });

  it('finishes normally when only message_stop was lost', () => {
    const withoutStop = textStream.slice(0, textStream.lastIndexOf('event: message_stop'));
    const parts = decodeAll(withoutStop);
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finish: { reason: 'stop', raw: 'end_turn' } });
  });

  it('reports an empty upstream stream as an error', () => {
    const parts = decodeAll('');
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.map((part) => part.type)).toEqual(['response-start', 'error']);
  });

  it('reports unparseable data as a protocol error and ignores everything after a terminal part', () => {
    const decoder = createAnthropicMessagesStreamDecoder(createTestContext());
    const parts = [
      ...parseSse(textStream.slice(0, textStream.indexOf('event: ping'))).flatMap((event) => decoder.decode(event)),
      ...decoder.decode({ event: 'content_block_delta', data: '{"type":"content_block_delta",' }),
      ...decoder.decode({ event: 'message_stop', data: '{"type":"message_stop"}' }),
      ...decoder.flush(),
    ];
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.at(-1)).toEqual({ type: 'error', error: { message: expect.stringContaining('not JSON'), status: 502 } });
  });

  it('skips server tool blocks and citations, keeping pause_turn as raw', () => {
    const parts = decodeAll(serverToolStream);
    expect(streamInvariantViolations(parts)).toEqual([]);
    expect(parts.filter((part) => part.type !== 'usage').map((part) => part.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(parts.at(-1)).toMatchObject({ finish: { reason: 'other', raw: 'pause_turn' } });
  });

  it('quirk: max_tokens stays a length finish in streams (Claude->Gemini streams always said STOP)', () => {
    const cut = textStream.replace('"stop_reason":"end_turn"', '"stop_reason":"max_tokens"');
    expect(decodeAll(cut).at(-1)).toMatchObject({ type: 'finish', finish: { reason: 'length', raw: 'max_tokens' } });
  });
});
