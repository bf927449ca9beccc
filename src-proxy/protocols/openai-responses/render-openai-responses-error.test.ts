import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { renderOpenAIResponsesError, renderOpenAIResponsesStreamError } from './render-openai-responses-error';

describe('renderOpenAIResponsesError', () => {
  it('renders {error:{message,type,code,param}} by code and status', () => {
    const rendered = renderOpenAIResponsesError(new ProxyError({ code: 'PX_INVALID_REQUEST', httpStatus: 400, message: 'bad input', details: { param: 'input[0]' } }));
    expect(rendered.status).toBe(400);
    expect(JSON.parse(rendered.body)).toEqual({ error: { message: 'bad input', type: 'invalid_request_error', code: null, param: 'input[0]' } });
    const limited = renderOpenAIResponsesError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 429, message: 'slow', retryAfterSeconds: 7 }));
    expect(limited.headers['retry-after']).toBe('7');
    expect(JSON.parse(limited.body)).toEqual({ error: { message: 'slow', type: 'rate_limit_error', code: 'rate_limit_exceeded', param: null } });
    expect(JSON.parse(renderOpenAIResponsesError(new ProxyError({ code: 'PX_UPSTREAM_NETWORK', httpStatus: 502, message: 'down' })).body).error).toMatchObject({ type: 'server_error' });
    expect(JSON.parse(renderOpenAIResponsesError(new ProxyError({ code: 'PX_AUTH_INVALID', httpStatus: 401, message: 'key' })).body).error).toMatchObject({ code: 'invalid_api_key' });
  });

  it('passes an upstream Responses JSON error body verbatim, but not another wire’s', () => {
    const upstreamBody = '{"error":{"message":"Upstream says no","type":"invalid_request_error","code":"bad","param":"model"}}';
    const same = renderOpenAIResponsesError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 400, message: 'x', upstreamBody, upstreamWire: 'openai-responses' }));
    expect(same).toMatchObject({ status: 400, body: upstreamBody });
    const other = renderOpenAIResponsesError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 400, message: 'x', upstreamBody: '{"type":"error"}', upstreamWire: 'anthropic-messages' }));
    expect(JSON.parse(other.body)).toMatchObject({ error: { message: 'x' } });
    const notJson = renderOpenAIResponsesError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 500, message: 'x', upstreamBody: 'oops', upstreamWire: 'openai-responses' }));
    expect(JSON.parse(notJson.body)).toMatchObject({ error: { message: 'x', type: 'server_error' } });
  });
});

describe('renderOpenAIResponsesStreamError', () => {
  it('renders an error event with code, message, param and sequence_number', () => {
    const text = renderOpenAIResponsesStreamError(new ProxyError({ code: 'PX_UPSTREAM_NETWORK', httpStatus: 502, message: 'connection reset' }), 12);
    expect(text).toBe('event: error\ndata: {"type":"error","code":"internal_server_error","message":"connection reset","param":null,"sequence_number":12}\n\n');
  });

  it('uses the upstream code and message when the upstream spoke Responses', () => {
    const upstreamBody = JSON.stringify({ error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } });
    const text = renderOpenAIResponsesStreamError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 429, message: 'x', upstreamBody, upstreamWire: 'openai-responses' }));
    expect(JSON.parse(text.split('data: ')[1] ?? '')).toEqual({ type: 'error', code: 'insufficient_quota', message: 'quota', param: null, sequence_number: 0 });
  });
});
