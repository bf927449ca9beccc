import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { createOpenAIResponsesFailureWriter } from './create-openai-responses-failure-writer';

const reset = new ProxyError({ code: 'PX_UPSTREAM_NETWORK', httpStatus: 502, message: 'The upstream connection was reset.' });
const sse = (type: string, payload: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
const events = (text: string) => text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);

describe('createOpenAIResponsesFailureWriter', () => {
  it('ends with response.failed (id of response.created, items done so far, next sequence_number) and error', () => {
    const writer = createOpenAIResponsesFailureWriter();
    const item = { id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'say "sequence_number":99' }] };
    const stream = [
      sse('response.created', { sequence_number: 0, response: { id: 'resp_abc', object: 'response', status: 'in_progress', model: 'gpt-5', output: [] } }),
      sse('response.output_item.done', { sequence_number: 1, output_index: 0, item }),
      sse('response.output_text.delta', { sequence_number: 2, output_index: 1, content_index: 0, delta: 'half' }),
    ].join('');
    // Cut anywhere: the writer reads the SSE it was shown, not chunk boundaries.
    writer.observe(Buffer.from(stream.slice(0, 37)));
    writer.observe(stream.slice(37));
    const [failed, error] = events(writer.render(reset));
    expect(failed).toEqual({
      type: 'response.failed',
      sequence_number: 3,
      response: { id: 'resp_abc', object: 'response', status: 'failed', model: 'gpt-5', output: [item], error: { code: 'server_error', message: 'The upstream connection was reset.' } },
    });
    expect(error).toEqual({ type: 'error', sequence_number: 4, code: 'server_error', message: 'The upstream connection was reset.', param: null });
  });

  it('makes up a response without response.created or sequence numbers, and keeps an upstream Responses error code', () => {
    const writer = createOpenAIResponsesFailureWriter();
    writer.observe('event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"x"}\n\n');
    const limited = new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 429, message: 'x', upstreamWire: 'openai-responses', upstreamBody: '{"error":{"message":"Slow down","code":"rate_limit_exceeded"}}' });
    const [failed, error] = events(writer.render(limited));
    expect(failed).not.toHaveProperty('sequence_number');
    expect(failed?.['response']).toMatchObject({ id: expect.stringMatching(/^resp_/), status: 'failed', output: [], error: { code: 'rate_limit_exceeded', message: 'Slow down' } });
    expect(error).toMatchObject({ type: 'error', code: 'rate_limit_exceeded' });
  });

  it('adds nothing after a terminal event already sent', () => {
    const writer = createOpenAIResponsesFailureWriter();
    writer.observe(sse('response.completed', { sequence_number: 9, response: { id: 'resp_done', status: 'completed' } }));
    expect(writer.render(reset)).toBe('');
  });

  it('reads what it kept only on failure: the last valid response object, the last item per output_index, the last numeric sequence_number', () => {
    const writer = createOpenAIResponsesFailureWriter();
    writer.observe(sse('response.created', { sequence_number: 0, response: { id: 'resp_first', status: 'in_progress' } }));
    writer.observe(sse('response.in_progress', { sequence_number: 1, response: 'not an object' }));
    writer.observe(sse('response.output_item.done', { sequence_number: 2, output_index: 0, item: { id: 'old' } }));
    writer.observe(sse('response.output_item.done', { sequence_number: 3, output_index: 0, item: { id: 'new' } }));
    writer.observe(sse('response.output_item.done', { sequence_number: 4, output_index: 10_000, item: { id: 'too far' } }));
    writer.observe('event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":5,"note":{"sequence_number":null}}\n\n');
    const [failed] = events(writer.render(reset));
    expect(failed).toMatchObject({ sequence_number: 6, response: { id: 'resp_first', status: 'failed', output: [{ id: 'new' }] } });
  });
});
