import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/index';
import { decodeGeminiResponse } from './decode-gemini-response';
import { encodeGeminiResponse } from './encode-gemini-response';
import { decodeClientThoughtSignature } from './gemini-thought-signature';
import { testContext } from './gemini-test-support';

const base: CanonicalResponse = {
  id: 'msg_1',
  model: 'claude-sonnet-4-5',
  created: 1,
  content: [{ type: 'text', text: 'Hi there' }],
  finish: { reason: 'stop', raw: 'end_turn' },
  usage: { inputTokens: 10, outputTokens: 4, totalTokens: 14 },
};

describe('encodeGeminiResponse', () => {
  it('encodes a text response echoing the requested model', () => {
    expect(encodeGeminiResponse(base, testContext(), { model: 'gemini-2.5-pro' })).toEqual({
      candidates: [{ content: { role: 'model', parts: [{ text: 'Hi there' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 4, totalTokenCount: 14 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'msg_1',
    });
  });

  it('encodes reasoning, tool calls with ids, and carries foreign signatures', () => {
    const response = encodeGeminiResponse(
      {
        ...base,
        content: [
          { type: 'reasoning', text: 'thinking', signature: 'claude-sig', signatureFormat: 'anthropic' },
          { type: 'reasoning', text: '', signature: 'enc', signatureFormat: 'anthropic', redacted: true },
          { type: 'text', text: 'Calling' },
          { type: 'reasoning', text: '', signature: 'g-call', signatureFormat: 'gemini' },
          { type: 'tool-call', id: 'toolu_1', name: 'get weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'toolu_2', name: 'other', arguments: '{}', signature: 'g-own', signatureFormat: 'gemini' },
        ],
        finish: { reason: 'tool-calls' },
        usage: { inputTokens: 10, outputTokens: 30, reasoningTokens: 20, cachedInputTokens: 4, totalTokens: 40 },
      },
      testContext(),
      { model: 'gemini-3-pro' },
    );
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts).toEqual([
      { text: 'thinking', thought: true, thoughtSignature: expect.any(String) },
      { text: '', thought: true, thoughtSignature: expect.any(String) },
      { text: 'Calling' },
      { functionCall: { name: 'get weather', args: { city: 'Paris' }, id: 'toolu_1' }, thoughtSignature: 'g-call' },
      { functionCall: { name: 'other', args: {}, id: 'toolu_2' }, thoughtSignature: 'g-own' },
    ]);
    expect(decodeClientThoughtSignature(parts[0]?.thoughtSignature)).toEqual({ signature: 'claude-sig', format: 'anthropic' });
    expect(decodeClientThoughtSignature(parts[1]?.thoughtSignature)).toEqual({ signature: 'enc', format: 'anthropic', redacted: true });
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata).toEqual({ promptTokenCount: 10, candidatesTokenCount: 10, thoughtsTokenCount: 20, cachedContentTokenCount: 4, totalTokenCount: 40 });
  });

  it('leaves content out when nothing was generated', () => {
    const response = encodeGeminiResponse({ ...base, content: [], finish: { reason: 'content-filter' } }, testContext(), { model: 'm' });
    expect(response.candidates).toEqual([{ finishReason: 'SAFETY', index: 0 }]);
  });

  it('maps length to MAX_TOKENS and keeps images', () => {
    const response = encodeGeminiResponse(
      { ...base, content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } }], finish: { reason: 'length' } },
      testContext(),
      { model: 'm' },
    );
    expect(response.candidates?.[0]).toEqual({ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBO' } }] }, finishReason: 'MAX_TOKENS', index: 0 });
  });

  it('round-trips a Gemini response through the hub', () => {
    const original = {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'plan', thought: true, thoughtSignature: 'sig-1' }, { text: 'Result' }, { functionCall: { name: 'f', args: { a: [1, 2] }, id: 'id-1' }, thoughtSignature: 'sig-2' }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, thoughtsTokenCount: 5, totalTokenCount: 12 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'r-1',
    };
    const decoded = decodeGeminiResponse(original, testContext());
    expect(encodeGeminiResponse(decoded.value, testContext(), { model: 'gemini-2.5-pro' })).toEqual(original);
  });
});
