import type { ProxyError } from '../../errors/proxy-error';
import { getClientCodec } from '../../protocols/codec-registry';

/**
 * An error before a response started, as one text frame. The error object is what POST /v1/responses
 * would answer (rendered by the Responses codec, so an upstream Responses error passes through with its
 * type and code); the envelope is the WebSocket mode's error event, `{"type":"error","status":429,
 * "error":{"type","code","message","param"}}`, which Codex CLI maps back to an HTTP status (429 rate
 * limit, 401 auth, ...). The top-level `code`, `message`, `param` and `sequence_number` are those of
 * the SSE `error` event (the SDK's ResponseErrorEvent), so either reader finds its fields.
 */
export function renderWebsocketErrorFrame(error: ProxyError): string {
  const rendered = getClientCodec('openai-responses').renderError(error);
  const inner = errorObjectOf(rendered.body) ?? { type: 'server_error', code: null, message: error.message, param: null };
  const frame: Record<string, unknown> = {
    type: 'error',
    status: rendered.status,
    error: inner,
    code: text(inner.code) ?? text(inner.type) ?? null,
    message: text(inner.message) ?? error.message,
    param: text(inner.param) ?? null,
    sequence_number: 0,
  };
  const retryAfter = rendered.headers['retry-after'];
  if (retryAfter !== undefined) frame.headers = { 'retry-after': retryAfter };
  return JSON.stringify(frame);
}

function errorObjectOf(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const inner = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
    return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
