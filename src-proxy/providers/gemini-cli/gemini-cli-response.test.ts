import { describe, expect, it } from 'vitest';
import { wrapEnvelope } from './gemini-cli-executor';
import { createGeminiCliStreamRewriter, unwrapGeminiCliJson } from './gemini-cli-response';

describe('Gemini CLI envelope', () => {
  it('wraps generate bodies in {model, project, request} and count bodies in {request} without safetySettings', () => {
    expect(JSON.parse(wrapEnvelope('{"contents":[],"system_instruction":{"parts":[]},"model":"x"}', 'gemini-2.5-pro', 'p1', false))).toEqual({ model: 'gemini-2.5-pro', project: 'p1', request: { contents: [], systemInstruction: { parts: [] } } });
    expect(JSON.parse(wrapEnvelope('{"contents":[],"safetySettings":[]}', 'm', 'p1', true))).toEqual({ request: { contents: [] } });
    expect(JSON.parse(wrapEnvelope('{"generateContentRequest":{"model":"models/m","contents":[1]}}', 'm', 'p1', true))).toEqual({ request: { contents: [1] } });
  });

  it('unwraps response from JSON and from SSE data lines split across chunks, leaving countTokens and other lines alone', () => {
    expect(unwrapGeminiCliJson('{"response":{"a":1},"traceId":"t"}')).toBe('{"a":1}');
    expect(unwrapGeminiCliJson('{"totalTokens":3}')).toBe('{"totalTokens":3}');
    const rewriter = createGeminiCliStreamRewriter();
    const text = 'data: {"response":{"a":1},"traceId":"t"}\r\n\r\n: keepalive\n\ndata: {"response":{"b":2}}\n\n';
    let out = '';
    for (let index = 0; index < text.length; index += 7) out += rewriter.push(Buffer.from(text.slice(index, index + 7))).toString();
    out += rewriter.flush().toString();
    expect(out).toBe('data: {"a":1}\r\n\r\n: keepalive\n\ndata: {"b":2}\n\n');
    const utf8 = Buffer.from('data: {"response":{"t":"héllo ✓"}}\n\n');
    const split = createGeminiCliStreamRewriter();
    const joined = Buffer.concat([split.push(utf8.subarray(0, 26)), split.push(utf8.subarray(26)), split.flush()]).toString();
    expect(joined).toBe('data: {"t":"héllo ✓"}\n\n');
    const tail = createGeminiCliStreamRewriter();
    expect(tail.push(Buffer.from('data: {"response":{"c":3}}')).length).toBe(0);
    expect(tail.flush().toString()).toBe('data: {"c":3}');
  });
});
