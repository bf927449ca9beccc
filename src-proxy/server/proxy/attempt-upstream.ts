import type { Dispatcher } from 'undici';
import type { WireFormat } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { sendUpstream, upstreamNetworkError } from '../../http/send-upstream';
import type { UpstreamRequest } from '../../providers/provider-definition';
import type { AttemptOutcome } from '../../routing/execute-with-retry';

export interface BufferedReply {
  kind: 'buffered';
  status: number;
  contentType: string;
  body: Buffer;
}

export interface StreamingReply {
  kind: 'streaming';
  status: number;
  contentType: string;
  /** The first non-empty chunk: reading it is what commits the attempt (status before commit). */
  first: Buffer;
  rest: AsyncIterator<Buffer>;
  /** Stops the upstream body (used when the client leaves). */
  cancel(): void;
}

export type UpstreamReply = BufferedReply | StreamingReply;

/**
 * One attempt against one credential. Success means: a 2xx status and, for streams, a first chunk of
 * data. Everything before that is retryable on another credential, because the client has seen nothing.
 */
export async function attemptUpstream(
  upstream: UpstreamRequest,
  dispatcher: Dispatcher,
  stream: boolean,
  signal: AbortSignal,
  wire?: WireFormat,
): Promise<AttemptOutcome<UpstreamReply>> {
  try {
    const response = await sendUpstream(upstream, dispatcher, signal);
    const contentType = headerText(response.headers['content-type']) || 'application/json';
    if (response.statusCode < 200 || response.statusCode >= 300) return await httpFailure(response, wire);
    if (!stream) {
      const body = Buffer.from(await response.body.arrayBuffer());
      return { ok: true, value: { kind: 'buffered', status: response.statusCode, contentType, body } };
    }
    const rest = response.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await readFirstChunk(rest);
    if (!first) return protocolFailure('The upstream closed the stream before sending any data.');
    const cancel = () => response.body.destroy();
    return { ok: true, value: { kind: 'streaming', status: response.statusCode, contentType, first, rest, cancel } };
  } catch (error) {
    const proxyError = upstreamNetworkError(error, signal);
    return { ok: false, error: proxyError, failure: { status: undefined, body: '', retryAfter: undefined } };
  }
}

async function readFirstChunk(iterator: AsyncIterator<Buffer>): Promise<Buffer | undefined> {
  for (;;) {
    const next = await iterator.next();
    if (next.done) return undefined;
    if (next.value.length > 0) return next.value;
  }
}

async function httpFailure(response: Dispatcher.ResponseData, wire: WireFormat | undefined): Promise<AttemptOutcome<UpstreamReply>> {
  const body = await response.body.text().catch(() => '');
  const retryAfter = headerText(response.headers['retry-after']) || undefined;
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  const error = new ProxyError({
    code: 'PX_UPSTREAM_HTTP',
    message: upstreamMessage(body, response.statusCode),
    httpStatus: response.statusCode,
    upstreamStatus: response.statusCode,
    upstreamBody: body,
    ...(wire ? { upstreamWire: wire } : {}),
    retryable: response.statusCode === 429 || response.statusCode >= 500,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
  return { ok: false, error, failure: { status: response.statusCode, body, retryAfter } };
}

function protocolFailure(message: string): AttemptOutcome<UpstreamReply> {
  const error = new ProxyError({ code: 'PX_UPSTREAM_PROTOCOL', message, httpStatus: 502, retryable: true });
  return { ok: false, error, failure: { status: undefined, body: '', retryAfter: undefined } };
}

/** The upstream's own message when its error body has one, so the client sees why. */
function upstreamMessage(body: string, status: number): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const nested = typeof parsed.error === 'object' ? parsed.error?.message : parsed.error;
    const message = nested ?? parsed.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // not JSON: fall through to the text itself
  }
  const text = body.trim().slice(0, 500);
  return text ? `Upstream returned ${status}: ${text}` : `Upstream returned HTTP ${status}.`;
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}
