import type { ProxyError } from '../../errors/proxy-error';
import type { GeminiErrorBody } from './gemini-types';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * HTTP status -> `google.rpc.Code` name, following Google's HTTP mapping
 * (https://cloud.google.com/apis/design/errors#handling_errors) and what the Gemini API answers
 * (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes).
 */
export function googleStatusForHttp(status: number): string {
  switch (status) {
    case 400:
    case 413:
    case 431:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'ABORTED';
    case 429:
      return 'RESOURCE_EXHAUSTED';
    case 499:
      return 'CANCELLED';
    case 501:
      return 'UNIMPLEMENTED';
    case 502:
    case 503:
    case 529:
      return 'UNAVAILABLE';
    case 504:
      return 'DEADLINE_EXCEEDED';
    default:
      return status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION';
  }
}

/** Google's error envelope `{"error":{"code","message","status","details"?}}`. */
export function geminiErrorBody(status: number, message: string, details?: unknown[]): GeminiErrorBody {
  const error: GeminiErrorBody['error'] = { code: status, message, status: googleStatusForHttp(status) };
  if (details && details.length > 0) error.details = details;
  return { error };
}

/**
 * An error as a Gemini client expects it. A Gemini upstream's own JSON error body passes verbatim with
 * the status; anything else is rendered in Google's format with the `google.rpc` detail types Google
 * itself sends: RetryInfo on rate limits (the SDKs and tools read `retryDelay`), BadRequest naming the
 * offending field on invalid requests.
 */
export function renderGeminiError(error: ProxyError): RenderedError {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  const status = error.httpStatus;
  if (error.upstreamWire === 'gemini' && error.upstreamBody !== undefined && isJsonObject(error.upstreamBody)) {
    return { status, headers, body: error.upstreamBody };
  }
  return { status, headers, body: JSON.stringify(geminiErrorBody(status, error.message, errorDetails(error))) };
}

/**
 * The in-stream error, once a stream is committed. See `formatGeminiSseError` for the framing.
 */
export function renderGeminiStreamError(error: ProxyError): string {
  return formatGeminiSseError(geminiErrorBody(error.httpStatus, error.message, errorDetails(error)));
}

/**
 * Google's error object twice: as an SSE data event, then as a bare JSON line. Measured against
 * @google/genai 2.29.1 (gemini-sdk.test.ts): it skips named events (the original's `event: error`, lost
 * silently), yields a data-event error as an empty response (also silent), and throws an ApiError only
 * for a network chunk that is a bare JSON error object, which is how Google delivers mid-stream errors.
 * SSE-parsing clients (Vercel AI SDK, EventSource users, the Python SDK's `data:` reader) read the data
 * event and ignore the bare line (the SSE grammar skips a line that is no known field); @google/genai
 * fails on the bare line: an ApiError with the status when it arrives in a network read of its own,
 * otherwise "Incomplete JSON segment at the end". Either way the client sees an error, never a clean end.
 */
export function formatGeminiSseError(body: GeminiErrorBody): string {
  const json = JSON.stringify(body);
  return `data: ${json}\n\n${json}\n`;
}

function errorDetails(error: ProxyError): unknown[] {
  const details: unknown[] = [];
  if (error.retryAfterSeconds !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfterSeconds}s` });
  }
  const param = error.details?.['param'];
  if (error.code === 'PX_INVALID_REQUEST' && typeof param === 'string') {
    details.push({ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: param, description: error.message }] });
  }
  return details;
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
