import { describe, expect, it } from 'vitest';
import type { CanonicalStreamPart } from '../../canonical/index';
import { parseSse, textStream, thinkingStream, toolStream } from './anthropic-stream-fixtures';
import { createTestContext } from './anthropic-test-context';
import { createAnthropicMessagesStreamDecoder } from './decode-anthropic-messages-stream';
import { createAnthropicMessagesStreamEncoder, type AnthropicMessagesStreamOptions } from './encode-anthropic-messages-stream';

const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

function encodeAll(parts: CanonicalStreamPart[], options: Partial<AnthropicMessagesStreamOptions> = {}): string {
  const encoder = createAnthropicMessagesStreamEncoder(createTestContext(), { model: 'claude-client', ...options });
  return parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
}

/** The SSE events as `[event name, parsed data]`, checking that every data `type` equals its event name. */
function events(text: string): Array<[string, Record<string, unknown>]> {
  return parseSse(text).map((event) => {
    const data = JSON.parse(event.data) as Record<string, unknown>;
    expect(data['type']).toBe(event.event);
    return [event.event ?? '', data];
  });
}

const start: CanonicalStreamPart = { type: 'response-start', id: 'msg_abc', model: 'gpt-4o', created: 1 };

describe('createAnthropicMessagesStreamEncoder', () => {
  it('writes exactly the Anthropic event sequence for a text answer', () => {
    const text = encodeAll([
      start,
      { type: 'usage', usage: { inputTokens: 10 } },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hi' },
      { type: 'text-delta', index: 0, delta: '' },
      { type: 'text-end', index: 0 },
      { type: 'finish', finish: { reason: 'stop', raw: 'stop' }, usage },
    ]);
    const zeroCache = 'cache_creation_input_tokens":0,"cache_read_input_tokens":0';
    expect(text).toBe(
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_abc","type":"message","role":"assistant","model":"claude-client",' +
        `"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":0,"${zeroCache}}}}\n\n` +
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},' +
        `"usage":{"input_tokens":10,"output_tokens":5,"${zeroCache}}}\n\n` +
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
  });

  it('numbers blocks 0, 1, 2 and streams thinking, signature and tool arguments', () => {
    const out = events(
      encodeAll([
        start,
        { type: 'reasoning-start', index: 3 },
        { type: 'reasoning-delta', index: 3, delta: 'hmm' },
        { type: 'reasoning-signature', index: 3, signature: 'sigA', format: 'anthropic' },
        { type: 'reasoning-end', index: 3 },
        { type: 'text-start', index: 7 },
        { type: 'text-delta', index: 7, delta: 'Calling.' },
        { type: 'text-end', index: 7 },
        { type: 'tool-call-start', index: 9, id: 'call_1', name: 'get_weather' },
        { type: 'tool-call-delta', index: 9, argumentsDelta: '{"city":' },
        { type: 'tool-call-delta', index: 9, argumentsDelta: '"Paris"}' },
        { type: 'tool-call-end', index: 9 },
        { type: 'finish', finish: { reason: 'tool-calls' }, usage },
      ]),
    );
    expect(out.map(([name, data]) => `${name}${'index' in data ? `#${String(data['index'])}` : ''}`)).toEqual([
      'message_start',
      'content_block_start#0',
      'content_block_delta#0',
      'content_block_delta#0',
      'content_block_stop#0',
      'content_block_start#1',
      'content_block_delta#1',
      'content_block_stop#1',
      'content_block_start#2',
      'content_block_delta#2',
      'content_block_delta#2',
      'content_block_stop#2',
      'message_delta',
      'message_stop',
    ]);
    expect(out[1]?.[1]['content_block']).toEqual({ type: 'thinking', thinking: '', signature: '' });
    expect(out[3]?.[1]['delta']).toEqual({ type: 'signature_delta', signature: 'sigA' });
    expect(out[8]?.[1]['content_block']).toEqual({ type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} });
    expect(out[12]?.[1]['delta']).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('quirk: tool arguments are streamed as they come, not as one delta at the end', () => {
    const out = events(
      encodeAll([
        start,
        { type: 'tool-call-start', index: 0, id: 'c', name: 'f' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a"' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: ':1}' },
        { type: 'tool-call-end', index: 0 },
        { type: 'finish', finish: { reason: 'tool-calls' }, usage },
      ]),
    );
    const deltas = out.filter(([name]) => name === 'content_block_delta').map(([, data]) => data['delta']);
    expect(deltas).toEqual([
      { type: 'input_json_delta', partial_json: '{"a"' },
      { type: 'input_json_delta', partial_json: ':1}' },
    ]);
  });

  it('serialises interleaved parallel tool calls into one block at a time', () => {
    const out = events(
      encodeAll([
        start,
        { type: 'tool-call-start', index: 0, id: 'a', name: 'fa' },
        { type: 'tool-call-start', index: 1, id: 'b', name: 'fb' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{"b":1}' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1}' },
        { type: 'tool-call-end', index: 1 },
        { type: 'tool-call-end', index: 0 },
        { type: 'finish', finish: { reason: 'tool-calls' }, usage },
      ]),
    );
    expect(out.slice(1, -2).map(([name, data]) => [name, data['index'], data['content_block'] ?? data['delta'] ?? null])).toEqual([
      ['content_block_start', 0, { type: 'tool_use', id: 'a', name: 'fa', input: {} }],
      ['content_block_delta', 0, { type: 'input_json_delta', partial_json: '{"a":1}' }],
      ['content_block_stop', 0, null],
      ['content_block_start', 1, { type: 'tool_use', id: 'b', name: 'fb', input: {} }],
      ['content_block_delta', 1, { type: 'input_json_delta', partial_json: '{"b":1}' }],
      ['content_block_stop', 1, null],
    ]);
  });

  it('writes redacted thinking whole and tags foreign signatures', () => {
    const out = events(
      encodeAll([
        start,
        { type: 'reasoning-start', index: 0, redacted: true },
        { type: 'reasoning-signature', index: 0, signature: 'ENC', format: 'anthropic' },
        { type: 'reasoning-end', index: 0 },
        { type: 'reasoning-start', index: 1 },
        { type: 'reasoning-delta', index: 1, delta: 'gemini thinking' },
        { type: 'reasoning-signature', index: 1, signature: 'g-sig', format: 'gemini' },
        { type: 'reasoning-end', index: 1 },
        { type: 'finish', finish: { reason: 'stop' }, usage },
      ]),
    );
    expect(out[1]).toEqual(['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'ENC' } }]);
    expect(out[2]).toEqual(['content_block_stop', { type: 'content_block_stop', index: 0 }]);
    expect(out[5]?.[1]['delta']).toEqual({ type: 'signature_delta', signature: 'gemini#g-sig' });
  });

  it('gemini signature on the last text part does not end the Anthropic answer with an empty thinking block', () => {
    const out = events(
      encodeAll([
        start,
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'The answer.' },
        { type: 'text-end', index: 0 },
        // How the Gemini stream decoder carries a signature that came on the text part.
        { type: 'reasoning-start', index: 1 },
        { type: 'reasoning-signature', index: 1, signature: 'g-text-sig', format: 'gemini' },
        { type: 'reasoning-end', index: 1 },
        { type: 'finish', finish: { reason: 'stop' }, usage },
      ]),
    );
    const starts = out.filter(([name]) => name === 'content_block_start').map(([, data]) => data['content_block']);
    expect(starts).toEqual([{ type: 'text', text: '' }]);
    expect(out.map(([name]) => name).slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('writes a signature-only thinking block once a block follows it, and leaves an empty one out', () => {
    const out = events(
      encodeAll([
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-end', index: 0 },
        { type: 'reasoning-start', index: 1 },
        { type: 'reasoning-signature', index: 1, signature: 'call-sig', format: 'gemini' },
        { type: 'reasoning-end', index: 1 },
        { type: 'tool-call-start', index: 2, id: 'call_1', name: 'f' },
        { type: 'tool-call-delta', index: 2, argumentsDelta: '{}' },
        { type: 'tool-call-end', index: 2 },
        { type: 'finish', finish: { reason: 'tool-calls' }, usage },
      ]),
    );
    expect(out.slice(1, 5).map(([, data]) => data)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'gemini#call-sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_1', name: 'f', input: {} } },
    ]);
  });

  it('writes a signature that came before the thinking text after that text', () => {
    const out = events(
      encodeAll([
        start,
        { type: 'reasoning-start', index: 0 },
        { type: 'reasoning-signature', index: 0, signature: 'sig', format: 'anthropic' },
        { type: 'reasoning-delta', index: 0, delta: 'hmm' },
        { type: 'reasoning-end', index: 0 },
        { type: 'finish', finish: { reason: 'stop' }, usage },
      ]),
    );
    expect(out.slice(2, 5).map(([, data]) => data['delta'] ?? data['type'])).toEqual([
      { type: 'thinking_delta', thinking: 'hmm' },
      { type: 'signature_delta', signature: 'sig' },
      'content_block_stop',
    ]);
  });

  it('reports the stop sequence, cache usage and an input estimate when the upstream has none yet', () => {
    const out = events(
      encodeAll(
        [
          start,
          { type: 'text-start', index: 0 },
          { type: 'text-end', index: 0 },
          {
            type: 'finish',
            finish: { reason: 'stop', stopSequence: '\nEND' },
            usage: { inputTokens: 2112, outputTokens: 40, totalTokens: 2152, cachedInputTokens: 2000, cacheCreationInputTokens: 100 },
          },
        ],
        { inputTokensEstimate: 77 },
      ),
    );
    expect(out[0]?.[1]['message']).toMatchObject({ usage: { input_tokens: 77, output_tokens: 0 } });
    expect(out.at(-2)?.[1]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'stop_sequence', stop_sequence: '\nEND' },
      usage: { input_tokens: 12, output_tokens: 40, cache_creation_input_tokens: 100, cache_read_input_tokens: 2000 },
    });
  });

  it('writes an in-stream error event and nothing after it', () => {
    const encoder = createAnthropicMessagesStreamEncoder(createTestContext(), { model: 'm' });
    let text = encoder.encode(start) + encoder.encode({ type: 'text-start', index: 0 }) + encoder.encode({ type: 'text-delta', index: 0, delta: 'x' });
    text += encoder.encode({ type: 'error', error: { message: 'Overloaded', status: 529 } });
    text += encoder.encode({ type: 'text-end', index: 0 }) + encoder.flush();
    expect(text.endsWith('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n')).toBe(true);
    expect(text).not.toContain('message_stop');
  });

  it('closes a stream that never got its finish part', () => {
    const out = events(encodeAll([start, { type: 'text-start', index: 0 }, { type: 'text-delta', index: 0, delta: 'x' }]));
    expect(out.map(([name]) => name).slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('re-encodes decoded Anthropic streams to the same content and stop events', () => {
    for (const fixture of [textStream, toolStream, thinkingStream]) {
      const decoder = createAnthropicMessagesStreamDecoder(createTestContext());
      const parts = [...parseSse(fixture).flatMap((event) => decoder.decode(event)), ...decoder.flush()];
      const original = events(fixture).filter(([name]) => name !== 'ping');
      const reencoded = events(encodeAll(parts, { model: 'claude-sonnet-4-5-20250929' }));
      const significant = (list: Array<[string, Record<string, unknown>]>) =>
        list
          // An empty tool input: Anthropic may send "" (or nothing), the decoder makes it "{}". Same input.
          .filter(([name, data]) => !(name === 'content_block_delta' && /"partial_json":"(\{\})?"/.test(JSON.stringify(data))))
          .map(([name, data]) => (name === 'message_delta' ? data['delta'] : name === 'message_start' ? name : data));
      expect(significant(reencoded)).toEqual(significant(original));
    }
  });
});
