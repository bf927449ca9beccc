import type { ProxyError } from '../../errors/proxy-error';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error as an OpenAI client expects it (spec 2.5): an upstream JSON error body is passed on verbatim
 * with the upstream status; anything else becomes `{"error":{"message","type","code"}}`.
 */
export function renderOpenAIChatError(error: ProxyError): RenderedError {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  const status = error.httpStatus;
  if (error.upstreamBody !== undefined && isJsonObject(error.upstreamBody)) {
    return { status, headers, body: error.upstreamBody };
  }
  const { type, code } = typeAndCode(error);
  const payload = { error: { message: error.message, type, code, ...pickDetails(error) } };
  return { status, headers, body: JSON.stringify(payload) };
}

/** The in-stream form, sent after a stream was committed: one SSE data event. */
export function renderOpenAIChatStreamError(error: ProxyError): string {
  const { type, code } = typeAndCode(error);
  return `data: ${JSON.stringify({ error: { message: error.message, type, code } })}\n\n`;
}

function typeAndCode(error: ProxyError): { type: string; code: string | null } {
  switch (error.code) {
    case 'PX_AUTH_REQUIRED':
    case 'PX_AUTH_INVALID':
      return { type: 'authentication_error', code: 'invalid_api_key' };
    case 'PX_NO_ROUTE':
      return { type: 'invalid_request_error', code: 'model_not_found' };
    case 'PX_COOLDOWN':
      return { type: 'rate_limit_error', code: 'model_cooldown' };
    case 'PX_BODY_TOO_LARGE':
      return { type: 'invalid_request_error', code: 'request_too_large' };
    case 'PX_INVALID_REQUEST':
    case 'PX_NOT_FOUND':
      return { type: 'invalid_request_error', code: null };
    default:
      return typeAndCodeForStatus(error.httpStatus);
  }
}

function typeAndCodeForStatus(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: 'authentication_error', code: 'invalid_api_key' };
  if (status === 403) return { type: 'permission_error', code: 'insufficient_quota' };
  if (status === 404) return { type: 'invalid_request_error', code: 'model_not_found' };
  if (status === 429) return { type: 'rate_limit_error', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: 'internal_server_error' };
  return { type: 'invalid_request_error', code: null };
}

function pickDetails(error: ProxyError): Record<string, unknown> {
  const param = error.details?.param;
  return typeof param === 'string' ? { param } : {};
}

function isJsonObject(text: string): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return false;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}
