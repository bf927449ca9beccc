import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { renderOpenAIChatError, renderOpenAIChatStreamError } from './render-openai-chat-error';

const upstreamOpenAIBody = '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}';

describe('renderOpenAIChatError', () => {
  it('passes an OpenAI Chat upstream body verbatim with its status and Retry-After', () => {
    const rendered = renderOpenAIChatError(
      new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'x', httpStatus: 429, upstreamBody: upstreamOpenAIBody, upstreamWire: 'openai-chat', retryAfterSeconds: 7 }),
    );
    expect(rendered).toEqual({ status: 429, headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '7' }, body: upstreamOpenAIBody });
  });

  it('passes the body verbatim on the legacy pass-through path (no upstreamWire)', () => {
    expect(renderOpenAIChatError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'x', httpStatus: 400, upstreamBody: upstreamOpenAIBody })).body).toBe(upstreamOpenAIBody);
  });

  it('re-expresses a foreign upstream body in OpenAI format, keeping its message', () => {
    const anthropicBody = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
    const rendered = renderOpenAIChatError(
      new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'Upstream returned 529', httpStatus: 529, upstreamBody: anthropicBody, upstreamWire: 'anthropic-messages' }),
    );
    expect(rendered.status).toBe(529);
    expect(JSON.parse(rendered.body)).toEqual({ error: { message: 'Overloaded', type: 'server_error', code: 'internal_server_error' } });
    const geminiArray = '[{"error":{"code":400,"message":"API key not valid","status":"INVALID_ARGUMENT"}}]';
    const gemini = renderOpenAIChatError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'bad', httpStatus: 400, upstreamBody: geminiArray, upstreamWire: 'gemini' }));
    expect(JSON.parse(gemini.body)).toEqual({ error: { message: 'API key not valid', type: 'invalid_request_error', code: null } });
  });

  it('falls back to the proxy message for non-JSON bodies', () => {
    const rendered = renderOpenAIChatError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'Bad gateway', httpStatus: 502, upstreamBody: '<html>oops</html>', upstreamWire: 'openai-chat' }));
    expect(JSON.parse(rendered.body)).toEqual({ error: { message: 'Bad gateway', type: 'server_error', code: 'internal_server_error' } });
  });

  it.each([
    ['PX_INVALID_REQUEST', 400, 'invalid_request_error', null],
    ['PX_AUTH_REQUIRED', 401, 'authentication_error', 'invalid_api_key'],
    ['PX_NO_ROUTE', 404, 'invalid_request_error', 'model_not_found'],
    ['PX_COOLDOWN', 429, 'rate_limit_error', 'model_cooldown'],
    ['PX_BODY_TOO_LARGE', 413, 'invalid_request_error', 'request_too_large'],
    ['PX_UPSTREAM_NETWORK', 502, 'server_error', 'internal_server_error'],
    ['PX_UPSTREAM_HTTP', 403, 'permission_error', 'insufficient_quota'],
  ] as const)('%s (%i) -> %s / %s', (code, status, type, errorCode) => {
    const rendered = renderOpenAIChatError(new ProxyError({ code, message: 'm', httpStatus: status, details: { param: 'messages' } }));
    expect(rendered.status).toBe(status);
    expect(JSON.parse(rendered.body)).toEqual({ error: { message: 'm', type, code: errorCode, param: 'messages' } });
  });
});

describe('renderOpenAIChatStreamError', () => {
  it('is one SSE data event with the OpenAI error object', () => {
    expect(renderOpenAIChatStreamError(new ProxyError({ code: 'PX_UPSTREAM_NETWORK', message: 'connection reset', httpStatus: 502 }))).toBe(
      'data: {"error":{"message":"connection reset","type":"server_error","code":"internal_server_error"}}\n\n',
    );
  });
});
