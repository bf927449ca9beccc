import { describe, expect, it } from 'vitest';
import { assembleAntigravityReply } from './assemble-antigravity-reply';

const event = (response: unknown) => `data: ${JSON.stringify({ response, traceId: 't' })}\r\n\r\n`;

describe('assembleAntigravityReply', () => {
  it('unwraps a JSON reply', () => {
    expect(assembleAntigravityReply('{"response":{"candidates":[]},"traceId":"t"}')).toEqual({ ok: true, body: '{"candidates":[]}' });
  });

  it('joins a streamed answer: text of one kind joined, thoughts apart, function calls kept, the last finish reason and usage', () => {
    const sse = [
      event({ candidates: [{ content: { role: 'model', parts: [{ text: 'Let me ', thought: true }] }, index: 0 }], modelVersion: 'claude-sonnet-4-6' }),
      event({ candidates: [{ content: { role: 'model', parts: [{ text: 'think', thought: true, thoughtSignature: 'sig' }] }, index: 0 }] }),
      event({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hello ' }] }, index: 0 }] }),
      event({ candidates: [{ content: { role: 'model', parts: [{ text: 'world' }, { functionCall: { name: 'f', args: { a: 1 } } }] }, index: 0 }] }),
      event({ candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 6, totalTokenCount: 10 }, responseId: 'r1' }),
    ].join('');
    const assembled = assembleAntigravityReply(sse);
    expect(assembled.ok).toBe(true);
    expect(JSON.parse(assembled.ok ? assembled.body : '{}')).toEqual({
      candidates: [
        {
          index: 0,
          finishReason: 'STOP',
          content: { role: 'model', parts: [{ text: 'Let me think', thought: true, thoughtSignature: 'sig' }, { text: 'Hello world' }, { functionCall: { name: 'f', args: { a: 1 } } }, { text: '' }] },
        },
      ],
      modelVersion: 'claude-sonnet-4-6',
      usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 6, totalTokenCount: 10 },
      responseId: 'r1',
    });
  });

  it('reports an error event as the failure, with its code as the status', () => {
    const sse = `${event({ candidates: [{ content: { parts: [{ text: 'Hi' }] } }] })}data: ${JSON.stringify({ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } })}\n\n`;
    expect(assembleAntigravityReply(sse)).toEqual({ ok: false, status: 429, message: 'Resource has been exhausted', body: JSON.stringify({ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } }) });
  });
});
