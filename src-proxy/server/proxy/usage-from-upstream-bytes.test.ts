import { describe, expect, it } from 'vitest';
import type { WireFormat } from '../../canonical/index';
import { readBufferedUsage, StreamUsageReader } from './usage-from-upstream-bytes';

const sse = (events: Array<[string | undefined, unknown]>): string =>
  events.map(([name, data]) => `${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(data)}\n\n`).join('');

/** The stream cut into pieces of `size` bytes, so keys and objects straddle chunk boundaries. */
function readInPieces(wire: WireFormat, text: string, size: number) {
  const bytes = Buffer.from(text);
  const reader = new StreamUsageReader(wire);
  for (let offset = 0; offset < bytes.length; offset += size) reader.push(bytes.subarray(offset, offset + size));
  return reader.usage();
}

function expectSameInEveryCut(wire: WireFormat, text: string, expected: unknown): void {
  for (const size of [1, 2, 3, 5, 7, 11, 64, text.length]) expect(readInPieces(wire, text, size), `pieces of ${size}`).toEqual(expected);
}

describe('readBufferedUsage (pass-through JSON bodies)', () => {
  it('reads OpenAI chat usage with cached and reasoning details, ignoring the word in content', () => {
    const body = {
      choices: [{ message: { role: 'assistant', content: 'the "usage": {"prompt_tokens": 999} is quoted text' } }],
      usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 }, completion_tokens_details: { reasoning_tokens: 12 } },
    };
    expect(readBufferedUsage('openai-chat', Buffer.from(JSON.stringify(body, null, 2)))).toEqual({
      inputTokens: 120,
      outputTokens: 30,
      totalTokens: 150,
      cachedInputTokens: 100,
      reasoningTokens: 12,
    });
  });

  it('reads a Responses object usage with its token details', () => {
    const body = { id: 'resp_1', output: [], usage: { input_tokens: 50, input_tokens_details: { cached_tokens: 20 }, output_tokens: 9, output_tokens_details: { reasoning_tokens: 4 }, total_tokens: 59 }, user: null };
    expect(readBufferedUsage('openai-responses', Buffer.from(JSON.stringify(body)))).toEqual({ inputTokens: 50, outputTokens: 9, totalTokens: 59, cachedInputTokens: 20, reasoningTokens: 4 });
  });

  it('reads Gemini usageMetadata; nothing when the body has no usage (countTokens, an error)', () => {
    const body = { candidates: [], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 5, cachedContentTokenCount: 4, totalTokenCount: 18 } };
    expect(readBufferedUsage('gemini', Buffer.from(JSON.stringify(body)))).toEqual({ inputTokens: 10, outputTokens: 8, totalTokens: 18, cachedInputTokens: 4, reasoningTokens: 5 });
    expect(readBufferedUsage('gemini', Buffer.from('{"totalTokens":31}'))).toBeUndefined();
    expect(readBufferedUsage('openai-chat', Buffer.from('{"usage":null}'))).toBeUndefined();
  });
});

describe('StreamUsageReader (pass-through streams)', () => {
  it('Anthropic: merges message_start and message_delta; cache reads and writes count as input, reads as cached', () => {
    const text = sse([
      ['message_start', { type: 'message_start', message: { id: 'msg_1', content: [], usage: { input_tokens: 5, cache_creation_input_tokens: 40, cache_read_input_tokens: 300, cache_creation: { ephemeral_5m_input_tokens: 40 }, output_tokens: 1 } } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'say \\"usage\\": {' } }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 25 } }],
      ['message_stop', { type: 'message_stop' }],
    ]);
    expectSameInEveryCut('anthropic-messages', text, { inputTokens: 345, outputTokens: 25, totalTokens: 370, cachedInputTokens: 300, cacheCreationInputTokens: 40 });
  });

  it('OpenAI chat: skips the usage: null of every chunk and keeps the final report', () => {
    const text = sse([
      [undefined, { choices: [{ delta: { content: 'Hi' } }], usage: null }],
      [undefined, { choices: [], usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9, completion_tokens_details: { reasoning_tokens: 1 } } }],
    ]) + 'data: [DONE]\n\n';
    expectSameInEveryCut('openai-chat', text, { inputTokens: 7, outputTokens: 2, totalTokens: 9, reasoningTokens: 1 });
  });

  it('Gemini: usage on every chunk is cumulative, the last one counts (CRLF framing)', () => {
    const text = sse([
      [undefined, { candidates: [{ content: { parts: [{ text: 'a' }] } }], usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 } }],
      [undefined, { candidates: [{ content: { parts: [{ text: 'b' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 3, thoughtsTokenCount: 2, cachedContentTokenCount: 6, totalTokenCount: 13 } }],
    ]).replaceAll('\n', '\r\n');
    expectSameInEveryCut('gemini', text, { inputTokens: 8, outputTokens: 5, totalTokens: 13, cachedInputTokens: 6, reasoningTokens: 2 });
  });

  it('Responses: response.created carries usage null, response.completed the counts after the output', () => {
    const text = sse([
      ['response.created', { type: 'response.created', response: { id: 'r', output: [], usage: null } }],
      ['response.completed', { type: 'response.completed', response: { id: 'r', output: [{ type: 'message', content: [{ type: 'output_text', text: '{"usage":{}}' }] }], usage: { input_tokens: 11, input_tokens_details: { cached_tokens: 3 }, output_tokens: 4, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 } } }],
    ]);
    expectSameInEveryCut('openai-responses', text, { inputTokens: 11, outputTokens: 4, totalTokens: 15, cachedInputTokens: 3, reasoningTokens: 0 });
  });

  it('reports nothing for a stream without usage', () => {
    expectSameInEveryCut('openai-chat', sse([[undefined, { choices: [{ delta: { content: 'usage' } }] }]]), undefined);
  });
});
