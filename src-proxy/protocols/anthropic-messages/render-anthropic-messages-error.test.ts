import { describe, expect, it } from 'vitest';
import { ProxyError, type ProxyErrorInit } from '../../errors/proxy-error';
import { renderAnthropicMessagesError, renderAnthropicMessagesStreamError } from './render-anthropic-messages-error';

const proxyError = (init: Partial<ProxyErrorInit>) =>
  new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'boom', httpStatus: 500, ...init });

const typeOf = (init: Partial<ProxyErrorInit>): unknown =>
  (JSON.parse(renderAnthropicMessagesError(proxyError(init)).body) as { error: { type: string } }).error.type;

describe('renderAnthropicMessagesError', () => {
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [402, 'billing_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [422, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [502, 'api_error'],
    [504, 'timeout_error'],
    [529, 'overloaded_error'],
  ])('status %i -> %s', (httpStatus, type) => {
    expect(typeOf({ httpStatus })).toBe(type);
  });

  it('writes the Anthropic envelope with retry-after', () => {
    const rendered = renderAnthropicMessagesError(proxyError({ code: 'PX_COOLDOWN', httpStatus: 429, message: 'all keys cooling down', retryAfterSeconds: 12 }));
    expect(rendered.status).toBe(429);
    expect(rendered.headers['retry-after']).toBe('12');
    expect(JSON.parse(rendered.body)).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'all keys cooling down' } });
  });

  it('passes an Anthropic upstream JSON body verbatim with its status', () => {
    const body = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}';
    const rendered = renderAnthropicMessagesError(proxyError({ httpStatus: 529, upstreamBody: body, upstreamWire: 'anthropic-messages' }));
    expect(rendered).toMatchObject({ status: 529, body });
  });

  it('re-expresses other wires by status, keeping their message, and uses codes for proxy errors', () => {
    const openaiBody = '{"error":{"message":"quota","type":"insufficient_quota","code":"insufficient_quota"}}';
    const rendered = renderAnthropicMessagesError(proxyError({ httpStatus: 429, upstreamBody: openaiBody, upstreamWire: 'openai-chat' }));
    expect(JSON.parse(rendered.body)).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'boom' } });
    expect(typeOf({ httpStatus: 500, upstreamBody: '{"error":{"type":"overloaded_error"}}', upstreamWire: 'openai-chat' })).toBe('api_error');
    expect(typeOf({ code: 'PX_INVALID_REQUEST', httpStatus: 400 })).toBe('invalid_request_error');
    expect(typeOf({ code: 'PX_AUTH_REQUIRED', httpStatus: 401 })).toBe('authentication_error');
    expect(typeOf({ code: 'PX_BODY_TOO_LARGE', httpStatus: 413 })).toBe('request_too_large');
    expect(renderAnthropicMessagesError(proxyError({ upstreamBody: 'plain text', upstreamWire: 'anthropic-messages' })).body).toContain('"api_error"');
  });

  it('regression: trusts error.type only from an Anthropic upstream body (OpenAI 401 invalid_request_error -> authentication_error)', () => {
    const openaiBody = '{"error":{"message":"Incorrect API key provided: sk-***.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}';
    for (const upstreamWire of ['openai-responses', 'openai-chat', 'gemini'] as const) {
      const rendered = renderAnthropicMessagesError(proxyError({ httpStatus: 401, message: 'Incorrect API key provided: sk-***.', upstreamBody: openaiBody, upstreamWire }));
      expect(JSON.parse(rendered.body)).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'Incorrect API key provided: sk-***.' } });
    }
    expect(typeOf({ httpStatus: 401, upstreamBody: openaiBody })).toBe('authentication_error');
    // An Anthropic body is the authority for type and message, also in the in-stream form.
    const anthropicBody = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
    expect(renderAnthropicMessagesStreamError(proxyError({ httpStatus: 500, upstreamBody: anthropicBody, upstreamWire: 'anthropic-messages' }))).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });

  it('renders the in-stream error event', () => {
    expect(renderAnthropicMessagesStreamError(proxyError({ httpStatus: 529, message: 'Overloaded' }))).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });
});
