import { describe, expect, it } from 'vitest';
import { streamInvariantViolations } from '../../../test/conformance/check-stream-invariants';
import { createGeminiStreamDecoder } from './decode-gemini-stream';
import { buildGeminiToolNameMap } from './gemini-tool-names';
import { baseRequest, parseSse, runDecoder, sseFromChunks, testContext } from './gemini-test-support';

const meta = { modelVersion: 'gemini-2.5-flash', responseId: 'resp-abc' };
const chunk = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { parts, role: 'model' }, index: 0, ...(extra['finishReason'] ? { finishReason: extra['finishReason'] } : {}) }],
  ...(extra['usageMetadata'] ? { usageMetadata: extra['usageMetadata'] } : {}),
  ...meta,
});
const decodeAll = (chunks: unknown[], options = {}) => runDecoder(createGeminiStreamDecoder(testContext(), options), sseFromChunks(chunks));
const start = { type: 'response-start', id: 'resp-abc', model: 'gemini-2.5-flash', created: 1767323045 };

describe('createGeminiStreamDecoder', () => {
  it('decodes a text stream (recorded shape of streamGenerateContent?alt=sse)', () => {
    // Gemini frames events with CRLF and sends usage on every chunk; counts are final on the last one.
    const transcript = [
      chunk([{ text: 'Hello' }], { usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 } }),
      chunk([{ text: ' world' }], { usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 } }),
      chunk([{ text: '!' }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 3, totalTokenCount: 11 } }),
    ]
      .map((body) => `data: ${JSON.stringify(body)}\r\n\r\n`)
      .join('');
    const parts = runDecoder(createGeminiStreamDecoder(testContext()), parseSse(transcript));
    expect(parts).toEqual([
      start,
      { type: 'usage', usage: { inputTokens: 8 } },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hello' },
      { type: 'text-delta', index: 0, delta: ' world' },
      { type: 'text-delta', index: 0, delta: '!' },
      { type: 'text-end', index: 0 },
      { type: 'finish', finish: { reason: 'stop', raw: 'STOP' }, usage: { inputTokens: 8, outputTokens: 3, totalTokens: 11 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('decodes thoughts, then text whose signature follows the text block', () => {
    const parts = decodeAll([
      chunk([{ text: '**Planning**\n', thought: true }]),
      chunk([{ text: 'I will answer.', thought: true }]),
      chunk([{ text: 'The answer', thoughtSignature: 'sig-text' }]),
      chunk([{ text: ' is 42.' }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 6, thoughtsTokenCount: 20, totalTokenCount: 31 } }),
    ]);
    expect(parts).toEqual([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: '**Planning**\n' },
      { type: 'reasoning-delta', index: 0, delta: 'I will answer.' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'The answer' },
      { type: 'usage', usage: { inputTokens: 5 } },
      { type: 'text-delta', index: 1, delta: ' is 42.' },
      { type: 'text-end', index: 1 },
      { type: 'reasoning-start', index: 2 },
      { type: 'reasoning-signature', index: 2, signature: 'sig-text', format: 'gemini' },
      { type: 'reasoning-end', index: 2 },
      { type: 'finish', finish: { reason: 'stop', raw: 'STOP' }, usage: { inputTokens: 5, outputTokens: 26, reasoningTokens: 20, totalTokens: 31 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('puts a signature-only part on the open thought block (spec C12)', () => {
    const parts = decodeAll([
      chunk([{ text: 'thinking text', thought: true }]),
      chunk([{ text: '', thoughtSignature: 'sig-test' }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 10, thoughtsTokenCount: 2, totalTokenCount: 12 } }),
      '[DONE]',
    ]);
    expect(parts).toEqual([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'thinking text' },
      { type: 'usage', usage: { inputTokens: 10 } },
      { type: 'reasoning-signature', index: 0, signature: 'sig-test', format: 'gemini' },
      { type: 'reasoning-end', index: 0 },
      { type: 'finish', finish: { reason: 'stop', raw: 'STOP' }, usage: { inputTokens: 10, outputTokens: 2, reasoningTokens: 2, totalTokens: 12 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('decodes a whole function call, then finish on a later chunk (spec C10)', () => {
    const parts = decodeAll([
      chunk([{ functionCall: { name: 'list_dir', args: { path: 'C:/' } } }], { usageMetadata: { trafficType: 'ON_DEMAND' } }),
      chunk([{ text: '' }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 } }),
    ]);
    expect(parts).toEqual([
      start,
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'list_dir' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"path":"C:/"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'usage', usage: { inputTokens: 10 } },
      { type: 'finish', finish: { reason: 'tool-calls', raw: 'STOP' }, usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('decodes parallel calls; the first call signature rides as a signature-only block before it; names restored', () => {
    const names = buildGeminiToolNameMap(baseRequest({ tools: [{ name: 'get weather', inputSchema: {} }] }));
    const parts = decodeAll(
      [
        chunk([{ text: 'Checking.' }]),
        chunk(
          [
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-1' },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' }, id: 'g-2' } },
          ],
          { finishReason: 'STOP', usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 12, totalTokenCount: 21 } },
        ),
      ],
      { toolNames: names },
    );
    expect(parts).toEqual([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Checking.' },
      { type: 'usage', usage: { inputTokens: 9 } },
      { type: 'text-end', index: 0 },
      { type: 'reasoning-start', index: 1 },
      { type: 'reasoning-signature', index: 1, signature: 'sig-1', format: 'gemini' },
      { type: 'reasoning-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'call_1', name: 'get weather' },
      { type: 'tool-call-delta', index: 2, argumentsDelta: '{"city":"Paris"}' },
      { type: 'tool-call-end', index: 2 },
      { type: 'tool-call-start', index: 3, id: 'g-2', name: 'get weather' },
      { type: 'tool-call-delta', index: 3, argumentsDelta: '{"city":"Rome"}' },
      { type: 'tool-call-end', index: 3 },
      { type: 'finish', finish: { reason: 'tool-calls', raw: 'STOP' }, usage: { inputTokens: 9, outputTokens: 12, totalTokens: 21 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('regression: reports input usage before the content of its chunk, so a client header written with the first content has it', () => {
    const parts = decodeAll([
      chunk([{ text: 'Hi' }], { usageMetadata: { promptTokenCount: 70, totalTokenCount: 70 } }),
      chunk([{ text: ' there' }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 70, candidatesTokenCount: 2, totalTokenCount: 72 } }),
    ]);
    expect(parts.slice(0, 3)).toEqual([start, { type: 'usage', usage: { inputTokens: 70 } }, { type: 'text-start', index: 0 }]);
    expect(parts.filter((part) => part.type === 'usage')).toHaveLength(1);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('maps MAX_TOKENS to length', () => {
    const parts = decodeAll([chunk([{ text: 'cut' }], { finishReason: 'MAX_TOKENS', usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } })]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finish: { reason: 'length', raw: 'MAX_TOKENS' }, usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } });
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('turns an upstream error chunk into an error part, closing open blocks', () => {
    const parts = decodeAll([chunk([{ text: 'partial' }]), { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }, chunk([{ text: 'ignored' }])]);
    expect(parts).toEqual([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'partial' },
      { type: 'text-end', index: 0 },
      { type: 'error', error: { message: 'The model is overloaded.', status: 503, code: 'UNAVAILABLE' } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('reports a chunk that is not JSON as an error', () => {
    const decoder = createGeminiStreamDecoder(testContext(), { model: 'fallback' });
    const parts = runDecoder(decoder, [{ data: '{"candidates": [' }]);
    expect(parts).toEqual([
      { type: 'response-start', id: 'resp_1', model: 'fallback', created: 1767323045 },
      { type: 'error', error: { message: 'Gemini upstream sent an invalid stream chunk', status: 502 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('closes blocks and finishes when the upstream ends without a finishReason (truncated stream)', () => {
    const parts = decodeAll([chunk([{ text: 'thinking', thought: true }]), chunk([{ text: 'half an ans' }])]);
    expect(parts.slice(-3)).toEqual([
      { type: 'text-delta', index: 1, delta: 'half an ans' },
      { type: 'text-end', index: 1 },
      { type: 'finish', finish: { reason: 'error' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('quirk: a finishReason without usage on its chunk is not lost', () => {
    // The original's Gemini->Chat stream emitted a finish only when finishReason and usage co-occurred.
    const parts = decodeAll([chunk([{ text: 'a' }], { finishReason: 'STOP' })]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finish: { reason: 'stop', raw: 'STOP' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } });
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('a blocked prompt ends with a content filter', () => {
    const parts = decodeAll([{ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 }, ...meta }]);
    expect(parts).toEqual([
      start,
      { type: 'usage', usage: { inputTokens: 4 } },
      { type: 'finish', finish: { reason: 'content-filter', raw: 'SAFETY' }, usage: { inputTokens: 4, outputTokens: 0, totalTokens: 4 } },
    ]);
  });

  it('an empty upstream stream is an error', () => {
    const parts = runDecoder(createGeminiStreamDecoder(testContext(), { model: 'm' }), [{ data: '[DONE]' }]);
    expect(parts).toEqual([
      { type: 'response-start', id: 'resp_1', model: 'm', created: 1767323045 },
      { type: 'error', error: { message: 'Gemini upstream ended the stream without sending anything', status: 502 } },
    ]);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });

  it('ignores chunks after the finish and a second signature opens a new thought block', () => {
    const parts = decodeAll([
      chunk([{ text: 'a', thought: true, thoughtSignature: 's1' }]),
      chunk([{ text: 'b', thought: true, thoughtSignature: 's2' }]),
      chunk([], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 1, totalTokenCount: 1 } }),
      chunk([{ text: 'late' }]),
    ]);
    expect(parts.filter((part) => part.type === 'reasoning-start')).toHaveLength(2);
    expect(parts.some((part) => part.type === 'text-delta')).toBe(false);
    expect(streamInvariantViolations(parts)).toEqual([]);
  });
});
