import { describe, expect, it } from 'vitest';
import type { CanonicalStreamPart } from '../../canonical/index';
import { streamInvariantViolations } from '../../../test/conformance/check-stream-invariants';
import { createGeminiStreamDecoder } from './decode-gemini-stream';
import { createGeminiStreamEncoder, geminiStreamContentType, type GeminiStreamEncoderOptions } from './encode-gemini-stream';
import { decodeClientThoughtSignature } from './gemini-thought-signature';
import { parseSse, runDecoder, sseFromChunks, testContext } from './gemini-test-support';

function encodeAll(parts: CanonicalStreamPart[], options: Partial<GeminiStreamEncoderOptions> = {}): string {
  const encoder = createGeminiStreamEncoder(testContext(), { model: 'gemini-2.5-pro', ...options });
  return parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
}

const usage = { inputTokens: 7, outputTokens: 5, totalTokens: 12 };
const start: CanonicalStreamPart = { type: 'response-start', id: 'msg_01', model: 'claude-sonnet-4-5', created: 1 };
const contentChunk = (parts: unknown[]) => ({ candidates: [{ content: { role: 'model', parts }, index: 0 }], modelVersion: 'gemini-2.5-pro', responseId: 'msg_01' });

describe('createGeminiStreamEncoder', () => {
  it('writes one data event per delta and finishReason + usage on the last chunk', () => {
    const text = encodeAll([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hello' },
      { type: 'text-delta', index: 0, delta: '' },
      { type: 'text-delta', index: 0, delta: ' world' },
      { type: 'text-end', index: 0 },
      { type: 'usage', usage: { inputTokens: 7 } },
      { type: 'finish', finish: { reason: 'stop', raw: 'end_turn' }, usage },
    ]);
    const finalChunk = {
      candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 5, totalTokenCount: 12 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'msg_01',
    };
    expect(text).toBe(
      [contentChunk([{ text: 'Hello' }]), contentChunk([{ text: ' world' }]), finalChunk].map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join(''),
    );
  });

  it('writes thoughts as thought parts and signatures in their own part', () => {
    const text = encodeAll([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'Let me think' },
      { type: 'reasoning-signature', index: 0, signature: 'g-sig', format: 'gemini' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'Done' },
      { type: 'text-end', index: 1 },
      { type: 'finish', finish: { reason: 'stop' }, usage },
    ]);
    const chunks = parseSse(text).map((event) => JSON.parse(event.data) as { candidates: Array<{ content: { parts: unknown[] } }> });
    expect(chunks.map((chunk) => chunk.candidates[0]?.content.parts)).toEqual([
      [{ text: 'Let me think', thought: true }],
      [{ text: '', thought: true, thoughtSignature: 'g-sig' }],
      [{ text: 'Done' }],
      [{ text: '' }],
    ]);
  });

  it('sends a function call whole at its end, with id, and the signature of the block before it', () => {
    const text = encodeAll([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-signature', index: 0, signature: 'call-sig', format: 'gemini' },
      { type: 'reasoning-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'toolu_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'tool-call-start', index: 2, id: 'toolu_2', name: 'get_time' },
      { type: 'tool-call-end', index: 2 },
      { type: 'finish', finish: { reason: 'tool-calls' }, usage },
    ]);
    const chunks = parseSse(text).map((event) => JSON.parse(event.data) as { candidates: Array<{ content: { parts: unknown[] }; finishReason?: string }> });
    expect(chunks.map((chunk) => chunk.candidates[0]?.content.parts)).toEqual([
      [{ functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'toolu_1' }, thoughtSignature: 'call-sig' }],
      [{ functionCall: { name: 'get_time', args: {}, id: 'toolu_2' } }],
      [{ text: '' }],
    ]);
    expect(chunks[2]?.candidates[0]?.finishReason).toBe('STOP');
  });

  it('releases a signature no call claims as an empty signed part, and carries foreign signatures', () => {
    const text = encodeAll([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'claude thinking' },
      { type: 'reasoning-signature', index: 0, signature: 'EqQB', format: 'anthropic' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'x' },
      { type: 'text-end', index: 1 },
      { type: 'reasoning-start', index: 2 },
      { type: 'reasoning-signature', index: 2, signature: 'text-sig', format: 'gemini' },
      { type: 'reasoning-end', index: 2 },
      { type: 'reasoning-start', index: 3, redacted: true },
      { type: 'reasoning-signature', index: 3, signature: 'opaque', format: 'anthropic' },
      { type: 'reasoning-end', index: 3 },
      { type: 'finish', finish: { reason: 'stop' }, usage },
    ]);
    const parts = parseSse(text).map((event) => (JSON.parse(event.data) as { candidates: Array<{ content: { parts: Array<Record<string, unknown>> } }> }).candidates[0]?.content.parts[0]);
    expect(parts[1]).toEqual({ text: '', thought: true, thoughtSignature: expect.any(String) });
    expect(decodeClientThoughtSignature(parts[1]?.['thoughtSignature'] as string)).toEqual({ signature: 'EqQB', format: 'anthropic' });
    expect(parts[3]).toEqual({ text: '', thoughtSignature: 'text-sig' });
    expect(decodeClientThoughtSignature(parts[4]?.['thoughtSignature'] as string)).toEqual({ signature: 'opaque', format: 'anthropic', redacted: true });
    expect(parts[5]).toEqual({ text: '' });
  });

  it('maps finish reasons and reasoning usage', () => {
    const text = encodeAll([start, { type: 'finish', finish: { reason: 'length' }, usage: { inputTokens: 3, outputTokens: 9, reasoningTokens: 4, cachedInputTokens: 1, totalTokens: 12 } }]);
    const chunk = JSON.parse(parseSse(text)[0]?.data ?? '{}') as Record<string, unknown>;
    expect(chunk).toEqual({
      candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'MAX_TOKENS', index: 0 }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 5, thoughtsTokenCount: 4, cachedContentTokenCount: 1, totalTokenCount: 12 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'msg_01',
    });
  });

  it('writes an in-stream error as a data event plus a bare JSON line', () => {
    const text = encodeAll([start, { type: 'text-start', index: 0 }, { type: 'text-delta', index: 0, delta: 'a' }, { type: 'text-end', index: 0 }, { type: 'error', error: { message: 'overloaded', status: 529, code: 'overloaded_error' } }]);
    const errorJson = JSON.stringify({ error: { code: 529, message: 'overloaded', status: 'UNAVAILABLE' } });
    expect(text.endsWith(`data: ${errorJson}\n\n${errorJson}\n`)).toBe(true);
    const keepStatus = encodeAll([start, { type: 'error', error: { message: 'quota', status: 429, code: 'RESOURCE_EXHAUSTED' } }]);
    expect(keepStatus).toContain('"status":"RESOURCE_EXHAUSTED"');
  });

  it('writes the JSON-array form when alt is not sse', () => {
    const parts: CanonicalStreamPart[] = [start, { type: 'text-start', index: 0 }, { type: 'text-delta', index: 0, delta: 'Hi' }, { type: 'text-end', index: 0 }, { type: 'finish', finish: { reason: 'stop' }, usage }];
    const text = encodeAll(parts, { alt: 'json' });
    expect(text.startsWith('[{')).toBe(true);
    expect(text).toContain('},\r\n{');
    const array = JSON.parse(text) as Array<{ candidates: Array<{ finishReason?: string }> }>;
    expect(array).toHaveLength(2);
    expect(array[1]?.candidates[0]?.finishReason).toBe('STOP');
    expect(encodeAll([], { alt: 'json' })).toBe('[]');
    const withError = encodeAll([start, { type: 'error', error: { message: 'x', status: 500 } }], { alt: 'json' });
    expect(JSON.parse(withError)).toEqual([{ error: { code: 500, message: 'x', status: 'INTERNAL' } }]);
  });

  it('names the content type of each stream form', () => {
    expect(geminiStreamContentType(undefined)).toBe('text/event-stream');
    expect(geminiStreamContentType('sse')).toBe('text/event-stream');
    expect(geminiStreamContentType('json')).toBe('application/json; charset=UTF-8');
  });

  it('round-trips a Gemini stream through the hub (decoder -> encoder -> decoder)', () => {
    const upstream = [
      contentChunk([{ text: 'plan', thought: true }]),
      contentChunk([{ text: '', thoughtSignature: 'sig-r' }]),
      contentChunk([{ text: 'Answer' }]),
      { ...contentChunk([{ functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'sig-f' }]), usageMetadata: { promptTokenCount: 2, totalTokenCount: 2 } },
      { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 3, thoughtsTokenCount: 4, totalTokenCount: 9 } },
    ];
    const canonical = runDecoder(createGeminiStreamDecoder(testContext()), sseFromChunks(upstream));
    expect(streamInvariantViolations(canonical)).toEqual([]);
    const again = runDecoder(createGeminiStreamDecoder(testContext()), parseSse(encodeAll(canonical)));
    // Input usage rides on the chunk that reported it upstream, but on the last chunk of the encoded
    // stream (the encoder writes usageMetadata with the finish): compare it apart from the block order.
    const blockTypes = (parts: typeof canonical) => parts.filter((part) => part.type !== 'usage').map((part) => part.type);
    expect(blockTypes(again)).toEqual(blockTypes(canonical));
    expect(again.filter((part) => part.type === 'usage')).toEqual(canonical.filter((part) => part.type === 'usage'));
    expect(again.filter((part) => part.type === 'reasoning-signature')).toEqual(canonical.filter((part) => part.type === 'reasoning-signature'));
    expect(again.at(-1)).toEqual(canonical.at(-1));
  });
});
