import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { formatGeminiSseError, geminiErrorBody, googleStatusForHttp, renderGeminiError, renderGeminiStreamError } from './render-gemini-error';

describe('renderGeminiError', () => {
  it.each([
    [400, 'INVALID_ARGUMENT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'PERMISSION_DENIED'],
    [404, 'NOT_FOUND'],
    [409, 'ABORTED'],
    [413, 'INVALID_ARGUMENT'],
    [422, 'FAILED_PRECONDITION'],
    [429, 'RESOURCE_EXHAUSTED'],
    [499, 'CANCELLED'],
    [500, 'INTERNAL'],
    [501, 'UNIMPLEMENTED'],
    [502, 'UNAVAILABLE'],
    [503, 'UNAVAILABLE'],
    [504, 'DEADLINE_EXCEEDED'],
    [529, 'UNAVAILABLE'],
  ])('status %i -> %s', (status, name) => {
    expect(googleStatusForHttp(status)).toBe(name);
  });

  it('renders Google error JSON with BadRequest field violations for invalid requests', () => {
    const rendered = renderGeminiError(
      new ProxyError({ code: 'PX_INVALID_REQUEST', httpStatus: 400, message: 'Invalid request: contents: required', details: { param: 'contents' } }),
    );
    expect(rendered.status).toBe(400);
    expect(rendered.headers).toEqual({ 'content-type': 'application/json; charset=UTF-8' });
    expect(JSON.parse(rendered.body)).toEqual({
      error: {
        code: 400,
        message: 'Invalid request: contents: required',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'contents', description: 'Invalid request: contents: required' }] }],
      },
    });
  });

  it('renders a rate limit with Retry-After and RetryInfo', () => {
    const rendered = renderGeminiError(new ProxyError({ code: 'PX_COOLDOWN', httpStatus: 429, message: 'All credentials cooling down', retryAfterSeconds: 30 }));
    expect(rendered.headers['retry-after']).toBe('30');
    expect(JSON.parse(rendered.body)).toEqual({
      error: { code: 429, message: 'All credentials cooling down', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' }] },
    });
  });

  it.each([
    ['PX_AUTH_REQUIRED', 401, 'UNAUTHENTICATED'],
    ['PX_NO_ROUTE', 404, 'NOT_FOUND'],
    ['PX_UPSTREAM_NETWORK', 502, 'UNAVAILABLE'],
    ['PX_INTERNAL', 500, 'INTERNAL'],
  ] as const)('%s (%i) -> %s', (code, httpStatus, status) => {
    const rendered = renderGeminiError(new ProxyError({ code, httpStatus, message: 'm' }));
    expect(JSON.parse(rendered.body)).toEqual({ error: { code: httpStatus, message: 'm', status } });
  });

  it("passes a Gemini upstream's JSON error body through verbatim", () => {
    const body = '{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"12s"}]}}';
    const rendered = renderGeminiError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 429, message: 'x', upstreamBody: body, upstreamWire: 'gemini', retryAfterSeconds: 12 }));
    expect(rendered).toEqual({ status: 429, headers: { 'content-type': 'application/json; charset=UTF-8', 'retry-after': '12' }, body });
  });

  it("re-renders another wire's upstream body, and a non-JSON Gemini body", () => {
    const openai = renderGeminiError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 401, message: 'bad key', upstreamBody: '{"error":{"type":"x"}}', upstreamWire: 'openai-chat' }));
    expect(JSON.parse(openai.body)).toEqual({ error: { code: 401, message: 'bad key', status: 'UNAUTHENTICATED' } });
    const html = renderGeminiError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 502, message: 'bad gateway', upstreamBody: '<html>', upstreamWire: 'gemini' }));
    expect(JSON.parse(html.body)).toEqual({ error: { code: 502, message: 'bad gateway', status: 'UNAVAILABLE' } });
  });

  it('renders the in-stream error as a data event followed by the bare JSON object', () => {
    const text = renderGeminiStreamError(new ProxyError({ code: 'PX_UPSTREAM_NETWORK', httpStatus: 502, message: 'upstream reset' }));
    const json = '{"error":{"code":502,"message":"upstream reset","status":"UNAVAILABLE"}}';
    expect(text).toBe(`data: ${json}\n\n${json}\n`);
    expect(formatGeminiSseError(geminiErrorBody(500, 'x'))).toBe('data: {"error":{"code":500,"message":"x","status":"INTERNAL"}}\n\n{"error":{"code":500,"message":"x","status":"INTERNAL"}}\n');
  });

  it('quirk: the in-stream error is not a named `event: error` (which @google/genai skips)', () => {
    expect(renderGeminiStreamError(new ProxyError({ code: 'PX_INTERNAL', httpStatus: 500, message: 'x' }))).not.toContain('event:');
  });
});
