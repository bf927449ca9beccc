import type { ProxyError } from '../../errors/proxy-error';
import { isAnthropicErrorType, mapStatusToAnthropicErrorType } from './map-anthropic-messages-error-type';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error as an Anthropic client expects it (https://docs.anthropic.com/en/api/errors):
 * `{"type":"error","error":{"type","message"}}`. An Anthropic upstream's own JSON error body is passed on
 * verbatim with its status (docs/protocols.md#errors, docs/errors.md), so the client sees exactly what Anthropic said.
 */
export function renderAnthropicMessagesError(error: ProxyError): RenderedError {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  const status = error.httpStatus;
  if (error.upstreamWire === 'anthropic-messages' && error.upstreamBody !== undefined && parseJsonObject(error.upstreamBody)) {
    return { status, headers, body: error.upstreamBody };
  }
  return { status, headers, body: JSON.stringify(errorPayload(error)) };
}

/** The in-stream form, after the stream was committed: an `error` SSE event (the SDK throws on it). */
export function renderAnthropicMessagesStreamError(error: ProxyError): string {
  return `event: error\ndata: ${JSON.stringify(errorPayload(error))}\n\n`;
}

function errorPayload(error: ProxyError): { type: 'error'; error: { type: string; message: string } } {
  const upstream = error.upstreamWire === 'anthropic-messages' && error.upstreamBody !== undefined ? upstreamFields(error.upstreamBody) : undefined;
  const type = isAnthropicErrorType(upstream?.type) ? upstream.type : errorType(error);
  return { type: 'error', error: { type, message: upstream?.message ?? error.message } };
}

/**
 * The type for the error's code or status. Another vendor's body is never trusted for it, even when its
 * `error.type` spells an Anthropic type name: OpenAI answers a bad key with 401 `invalid_request_error`,
 * which an Anthropic client must see as `authentication_error`. Its message text is kept (error.message).
 */
function errorType(error: ProxyError): string {
  switch (error.code) {
    case 'PX_INVALID_REQUEST':
      return 'invalid_request_error';
    case 'PX_AUTH_REQUIRED':
    case 'PX_AUTH_INVALID':
      return 'authentication_error';
    case 'PX_BODY_TOO_LARGE':
      return 'request_too_large';
    default:
      return mapStatusToAnthropicErrorType(error.httpStatus);
  }
}

/**
 * type/message of an Anthropic upstream's `{"type":"error","error":{type,message}}` body (a precise type
 * such as overloaded_error on a 500, for the in-stream form where the body is not passed verbatim).
 */
function upstreamFields(body: string): { type?: unknown; message?: string } | undefined {
  const inner = parseJsonObject(body)?.['error'];
  if (typeof inner !== 'object' || inner === null) return undefined;
  const fields = inner as Record<string, unknown>;
  const message = fields['message'];
  return { type: fields['type'], ...(typeof message === 'string' ? { message } : {}) };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
