import type { ProxyError } from '../../errors/proxy-error';

/** Same shape as `RenderedError` of protocols/wire-codec.ts (declared here: the import-boundary test reads `../wire-codec` as another protocol). */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error as an OpenAI client expects it (spec 10; chat reference, "Error codes"). An upstream JSON
 * error body is passed on verbatim with the upstream status only when it is already OpenAI Chat's own
 * format: `upstreamWire` 'openai-chat', or undefined for the legacy pass-through path. Any other
 * upstream's body is re-expressed as `{"error":{"message","type","code"}}`, keeping its message.
 */
export function renderOpenAIChatError(error: ProxyError): RenderedError {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  const status = error.httpStatus;
  if (error.upstreamBody !== undefined && isOwnWire(error) && asRecord(parseJsonObject(error.upstreamBody)) !== undefined) {
    return { status, headers, body: error.upstreamBody };
  }
  const { type, code } = typeAndCode(error);
  const payload = { error: { message: clientMessage(error), type, code, ...pickDetails(error) } };
  return { status, headers, body: JSON.stringify(payload) };
}

/** The in-stream form, sent after a stream was committed: one SSE data event (what the SDK throws on). */
export function renderOpenAIChatStreamError(error: ProxyError): string {
  const { type, code } = typeAndCode(error);
  return `data: ${JSON.stringify({ error: { message: clientMessage(error), type, code } })}\n\n`;
}

/** `type` and `code` OpenAI uses for an HTTP status (spec 10), shared with the stream encoders. */
export function openaiChatErrorTypeForStatus(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: 'authentication_error', code: 'invalid_api_key' };
  if (status === 403) return { type: 'permission_error', code: 'insufficient_quota' };
  if (status === 404) return { type: 'invalid_request_error', code: 'model_not_found' };
  if (status === 429) return { type: 'rate_limit_error', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: 'internal_server_error' };
  return { type: 'invalid_request_error', code: null };
}

function isOwnWire(error: ProxyError): boolean {
  return error.upstreamWire === undefined || error.upstreamWire === 'openai-chat';
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
    case 'PX_CREDENTIAL_EXPIRED':
      // Not the 403 default `insufficient_quota`: Codex CLI shows that as a billing problem.
      return error.httpStatus === 403 ? { type: 'permission_error', code: 'account_needs_login' } : { type: 'server_error', code: 'account_refresh_failed' };
    case 'PX_INVALID_REQUEST':
    case 'PX_NOT_FOUND':
      return { type: 'invalid_request_error', code: null };
    default:
      return openaiChatErrorTypeForStatus(error.httpStatus);
  }
}

/**
 * A foreign upstream's own message (Anthropic `error.message`, Gemini `error.message` or a one-element
 * array of it, Responses `error.message`) tells the user more than a generic status line.
 */
function clientMessage(error: ProxyError): string {
  if (error.upstreamBody === undefined || isOwnWire(error)) return error.message;
  const parsed = parseJsonObject(error.upstreamBody);
  const root: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  const record = asRecord(root);
  const message = asRecord(record?.error)?.message ?? record?.message;
  return typeof message === 'string' && message.trim() !== '' ? message : error.message;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function pickDetails(error: ProxyError): Record<string, unknown> {
  const param = error.details?.param;
  return typeof param === 'string' ? { param } : {};
}

/** The parsed body when it is a JSON object or array, else undefined. */
function parseJsonObject(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
