import { describe, expect, it } from 'vitest';
import { countGeminiTokens, decodeGeminiCountTokensResponse, encodeGeminiCountTokensRequest, encodeGeminiCountTokensResponse, estimateGeminiInputTokens } from './count-gemini-tokens';
import { baseRequest, testContext } from './gemini-test-support';

describe('count tokens', () => {
  it('answers in the :countTokens shape', () => {
    expect(encodeGeminiCountTokensResponse(42)).toEqual({ totalTokens: 42, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 42 }] });
  });

  it('estimates about 4 characters per token plus 258 per media part', () => {
    const request = baseRequest({
      system: [{ type: 'text', text: 'abcd' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'abcdefgh' }, { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'abcd' }, { type: 'tool-call', id: '1', name: 'fn', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: '1', content: [{ type: 'text', text: 'ok' }, { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'x' } }] }] },
      ],
    });
    // 4 + 8 + 4 + 4 + 2 = 22 characters -> 6 tokens; 2 media parts -> 516.
    expect(estimateGeminiInputTokens(request)).toBe(6 + 516);
    expect(countGeminiTokens(request)).toEqual({ totalTokens: 522, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 522 }] });
  });

  it('counts tool definitions', () => {
    const withTools = baseRequest({ tools: [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }] });
    expect(estimateGeminiInputTokens(withTools)).toBeGreaterThan(estimateGeminiInputTokens(baseRequest()) + 10);
  });

  it('builds a generateContentRequest body for a Gemini upstream, without generation or safety settings', () => {
    const { value } = encodeGeminiCountTokensRequest(
      baseRequest({ system: [{ type: 'text', text: 'sys' }], maxOutputTokens: 5, tools: [{ name: 'f', inputSchema: {} }], toolChoice: { type: 'auto' } }),
      testContext(),
    );
    expect(value).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
        systemInstruction: { parts: [{ text: 'sys' }] },
        tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: {} } }] }],
      },
    });
  });

  it('reads totalTokens from an upstream answer', () => {
    expect(decodeGeminiCountTokensResponse({ totalTokens: 31, promptTokensDetails: [] })).toBe(31);
    expect(decodeGeminiCountTokensResponse({})).toBe(0);
    expect(decodeGeminiCountTokensResponse(null)).toBe(0);
  });
});
