import type { WireFormat } from '../canonical/index';
import type { ProxyError } from '../errors/proxy-error';
import { openaiErrorType } from './openai-error-type';

/** Same shape as `RenderedError` of protocols/wire-codec.ts (declared here: translation/ sits below the protocols). */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error as an OpenAI Chat or Completions client expects it (docs/protocols.md#errors; chat reference, "Error codes").
 * An upstream JSON error body is passed on verbatim with the upstream status only when it is already in
 * the client's own format: `upstreamWire` equal to `ownWire` (the client's pass-through wire), or
 * undefined for the legacy pass-through path. Any other upstream's body is re-expressed as
 * `{"error":{"message","type","code"}}`, keeping its message.
 */
export function renderOpenAIError(error: ProxyError, ownWire: WireFormat): RenderedError {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  const status = error.httpStatus;
  if (error.upstreamBody !== undefined && isOwnWire(error, ownWire) && asRecord(parseJsonObject(error.upstreamBody)) !== undefined) {
    return { status, headers, body: error.upstreamBody };
  }
  const { type, code } = openaiErrorType(error);
  const payload = { error: { message: clientMessage(error, ownWire), type, code, ...pickDetails(error) } };
  return { status, headers, body: JSON.stringify(payload) };
}

/** The in-stream form, sent after a stream was committed: one SSE data event (what the SDK throws on). */
export function renderOpenAIStreamError(error: ProxyError, ownWire: WireFormat): string {
  const { type, code } = openaiErrorType(error);
  return `data: ${JSON.stringify({ error: { message: clientMessage(error, ownWire), type, code } })}\n\n`;
}

function isOwnWire(error: ProxyError, ownWire: WireFormat): boolean {
  return error.upstreamWire === undefined || error.upstreamWire === ownWire;
}

/**
 * A foreign upstream's own message (Anthropic `error.message`, Gemini `error.message` or a one-element
 * array of it, Responses `error.message`) tells the user more than a generic status line.
 */
function clientMessage(error: ProxyError, ownWire: WireFormat): string {
  if (error.upstreamBody === undefined || isOwnWire(error, ownWire)) return error.message;
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
