import type { ProxyError } from '../../errors/proxy-error';
import { openaiErrorType } from '../../translation/openai-error-type';
import type { ResponsesError } from './openai-responses-types';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface ErrorFields {
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}

/**
 * An HTTP error as a Responses client expects it (platform.openai.com/docs/guides/error-codes):
 * `{"error":{"message","type","code","param"}}`. An upstream Responses error body (valid JSON) is passed
 * on verbatim with its status (docs/protocols.md#errors, docs/errors.md); `Retry-After` is forwarded. `type` and `code` are the same
 * as OpenAI Chat's for every engine error (openai-error-type.ts, docs/errors.md).
 */
export function renderOpenAIResponsesError(error: ProxyError): RenderedError {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (error.upstreamWire === 'openai-responses' && error.upstreamBody !== undefined && parseJsonObject(error.upstreamBody)) {
    return { status: error.httpStatus, headers, body: error.upstreamBody };
  }
  return { status: error.httpStatus, headers, body: JSON.stringify({ error: errorFields(error) }) };
}

/**
 * The in-stream form, for a stream that is already committed: one `error` event
 * (`{"type":"error","code","message","param","sequence_number"}`, the SDK's ResponseErrorEvent).
 * A failure after commit ends the stream with `response.failed` instead, written by
 * `createOpenAIResponsesFailureWriter` (it needs the response being streamed); this lone event is for a
 * caller that has no stream to read. Pass the next sequence number when it is known.
 */
export function renderOpenAIResponsesStreamError(error: ProxyError, sequenceNumber = 0): string {
  const fields = errorFields(error);
  const payload = { type: 'error', code: fields.code ?? fields.type, message: fields.message, param: fields.param, sequence_number: sequenceNumber };
  return `event: error\ndata: ${JSON.stringify(payload)}\n\n`;
}

/**
 * The `error: {code, message}` of a failed response object: an upstream Responses error's own code, or
 * the code OpenAI's ResponseError lists for the status (server_error, rate_limit_exceeded, invalid_prompt).
 */
export function openaiResponsesFailure(error: ProxyError): ResponsesError {
  const upstream = error.upstreamWire === 'openai-responses' && error.upstreamBody !== undefined ? upstreamFields(error.upstreamBody) : undefined;
  return { code: upstream?.code ?? responsesErrorCodeForStatus(error.httpStatus), message: upstream?.message ?? error.message };
}

/** The ResponseError code for an HTTP status, as the stream encoder writes a canonical error's. */
export function responsesErrorCodeForStatus(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 400) return 'invalid_prompt';
  return 'server_error';
}

function errorFields(error: ProxyError): ErrorFields {
  const upstream = error.upstreamWire === 'openai-responses' && error.upstreamBody !== undefined ? upstreamFields(error.upstreamBody) : undefined;
  const { type, code } = openaiErrorType(error);
  const param = typeof error.details?.param === 'string' ? error.details.param : null;
  return { message: upstream?.message ?? error.message, type: upstream?.type ?? type, code: upstream?.code ?? code, param };
}

/** message/type/code of an upstream `{"error":{...}}` body, when it is one. */
function upstreamFields(body: string): Partial<ErrorFields> | undefined {
  const parsed = parseJsonObject(body);
  const inner = parsed?.['error'];
  if (typeof inner !== 'object' || inner === null) return undefined;
  const record = inner as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const fields: Partial<ErrorFields> = {};
  const message = text('message');
  const type = text('type');
  const code = text('code');
  if (message !== undefined) fields.message = message;
  if (type !== undefined) fields.type = type;
  if (code !== undefined) fields.code = code;
  return fields;
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
