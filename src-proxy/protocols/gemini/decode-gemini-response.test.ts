import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { decodeGeminiResponse } from './decode-gemini-response';
import { buildGeminiToolNameMap } from './gemini-tool-names';
import { baseRequest, testContext } from './gemini-test-support';

const usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 7, totalTokenCount: 22 };

describe('decodeGeminiResponse', () => {
  it('decodes text, finish, usage, id and model', () => {
    const { value, warnings } = decodeGeminiResponse(
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hello' }, { text: ' world' }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata,
        modelVersion: 'gemini-2.5-flash-001',
        responseId: 'abc123',
      },
      testContext(),
    );
    expect(value).toEqual({
      id: 'abc123',
      model: 'gemini-2.5-flash-001',
      created: 1767323045,
      content: [
        { type: 'text', text: 'Hello' },
        { type: 'text', text: ' world' },
      ],
      finish: { reason: 'stop', raw: 'STOP' },
      usage: { inputTokens: 10, outputTokens: 12, reasoningTokens: 7, totalTokens: 22 },
    });
    expect(warnings).toEqual([]);
  });

  it('decodes thoughts with signatures, and function calls with ids, signatures and restored names', () => {
    const request = baseRequest({ tools: [{ name: 'fs/read file', inputSchema: {} }] });
    const { value } = decodeGeminiResponse(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                { text: 'I should read it', thought: true },
                { functionCall: { name: 'fs_read_file', args: { path: 'a.txt' } }, thoughtSignature: 'sig-call' },
                { functionCall: { name: 'other', args: {}, id: 'g-id' } },
              ],
            },
            finishReason: 'STOP',
          },
        ],
      },
      testContext(),
      { toolNames: buildGeminiToolNameMap(request), model: 'requested-model' },
    );
    expect(value.content).toEqual([
      { type: 'reasoning', text: 'I should read it' },
      { type: 'tool-call', id: 'call_1', name: 'fs/read file', arguments: '{"path":"a.txt"}', signature: 'sig-call', signatureFormat: 'gemini' },
      { type: 'tool-call', id: 'g-id', name: 'other', arguments: '{}' },
    ]);
    expect(value.finish).toEqual({ reason: 'tool-calls', raw: 'STOP' });
    expect(value.id).toBe('resp_2');
    expect(value.model).toBe('requested-model');
    expect(value.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it('quirk: Gemini functionCall ids are kept, synthesised ids are deterministic', () => {
    // The original ignored functionCall.id (Gemini->Responses) and made ids from the clock (Gemini->Chat).
    const body = { candidates: [{ content: { parts: [{ functionCall: { name: 'a', args: {}, id: 'gemini-id' } }, { functionCall: { name: 'b', args: {} } }] } }] };
    const ids = (context = testContext()) => decodeGeminiResponse(body, context).value.content.map((part) => (part.type === 'tool-call' ? part.id : ''));
    expect(ids()).toEqual(['gemini-id', 'call_1']);
    expect(ids()).toEqual(ids());
  });

  it('drops empty text parts but keeps an empty thought (spec C11)', () => {
    const { value } = decodeGeminiResponse({ candidates: [{ content: { parts: [{ text: '' }, { text: '', thought: true }] }, finishReason: 'STOP' }] }, testContext());
    expect(value.content).toEqual([{ type: 'reasoning', text: '' }]);
  });

  it('puts a signature on an empty part on the last thought, and one on a text part before that text', () => {
    const { value } = decodeGeminiResponse(
      { candidates: [{ content: { parts: [{ text: 'hm', thought: true }, { text: '', thoughtSignature: 's1' }, { text: 'Done', thoughtSignature: 's2' }] } }] },
      testContext(),
    );
    expect(value.content).toEqual([
      { type: 'reasoning', text: 'hm', signature: 's1', signatureFormat: 'gemini' },
      { type: 'reasoning', text: '', signature: 's2', signatureFormat: 'gemini' },
      { type: 'text', text: 'Done' },
    ]);
  });

  it.each([
    ['MAX_TOKENS', { reason: 'length', raw: 'MAX_TOKENS' }],
    ['SAFETY', { reason: 'content-filter', raw: 'SAFETY' }],
    ['MALFORMED_FUNCTION_CALL', { reason: 'error', raw: 'MALFORMED_FUNCTION_CALL' }],
  ])('maps finishReason %s', (finishReason, finish) => {
    expect(decodeGeminiResponse({ candidates: [{ finishReason }] }, testContext()).value.finish).toEqual(finish);
  });

  it('a blocked prompt is an empty content-filter response', () => {
    const { value } = decodeGeminiResponse({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 } }, testContext());
    expect(value.content).toEqual([]);
    expect(value.finish).toEqual({ reason: 'content-filter', raw: 'PROHIBITED_CONTENT' });
    expect(value.usage).toEqual({ inputTokens: 8, outputTokens: 0, totalTokens: 8 });
  });

  it('reads the first candidate and warns about the others; generated images become image parts', () => {
    const { value, warnings } = decodeGeminiResponse(
      {
        candidates: [
          { content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBO' } }, { inlineData: { mimeType: 'audio/wav', data: 'UklG' } }] }, finishReason: 'STOP' },
          { content: { parts: [{ text: 'second' }] }, finishReason: 'STOP' },
        ],
      },
      testContext(),
    );
    expect(value.content).toEqual([{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } }]);
    expect(warnings.map((warning) => warning.field)).toEqual(['candidates', 'candidates[0].content.parts[1]']);
  });

  it('is tolerant of odd fields', () => {
    const { value } = decodeGeminiResponse({ candidates: [{ content: { parts: [{ text: 5 }, { text: 'ok' }] }, finishReason: 1 }], usageMetadata: { promptTokenCount: 'x' } }, testContext());
    expect(value.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(value.finish).toEqual({ reason: 'other' });
  });

  it('uses createTime when the upstream sends it (Vertex)', () => {
    expect(decodeGeminiResponse({ createTime: '2025-06-01T00:00:10.5Z', candidates: [] }, testContext()).value.created).toBe(1748736010);
  });

  it('turns an error envelope in a 200 body into the upstream error, verbatim', () => {
    const body = { error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } };
    let caught: unknown;
    try {
      decodeGeminiResponse(body, testContext());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProxyError);
    expect(caught).toMatchObject({ code: 'PX_UPSTREAM_HTTP', httpStatus: 429, upstreamWire: 'gemini', upstreamBody: JSON.stringify(body), retryable: true });
  });

  it('rejects a body that is not a response object', () => {
    expect(() => decodeGeminiResponse([1, 2], testContext())).toThrow(ProxyError);
  });
});
