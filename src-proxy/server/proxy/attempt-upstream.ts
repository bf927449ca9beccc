import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { WireFormat } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { dispatchUpstream, type UpstreamExchange } from '../../http/dispatch-upstream';
import { upstreamErrorMessage } from '../../http/upstream-error-message';
import { upstreamNetworkError } from '../../http/upstream-network-error';
import type { UpstreamRequest } from '../../providers/provider-definition';
import type { AttemptOutcome } from '../../routing/execute-with-retry';

export type { BufferedReply, StreamingReply, UpstreamReply } from '../../http/upstream-reply';
import type { UpstreamReply } from '../../http/upstream-reply';

/** Told about every upstream answer: status and headers, plus the body of a non-2xx (quota readings). */
export type UpstreamResponseObserver = (status: number, headers: IncomingHttpHeaders, errorBody?: string) => void;

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
  onResponse?: UpstreamResponseObserver,
): Promise<AttemptOutcome<UpstreamReply>> {
  try {
    const exchange = await dispatchUpstream(upstream, dispatcher, signal);
    const contentType = headerText(exchange.headers['content-type']) || 'application/json';
    if (exchange.status < 200 || exchange.status >= 300) return await httpFailure(exchange, wire, onResponse);
    onResponse?.(exchange.status, exchange.headers);
    if (!stream) {
      const body = await exchange.readAll();
      return { ok: true, value: { kind: 'buffered', status: exchange.status, contentType, headers: exchange.headers, body } };
    }
    const first = await readFirstChunk(exchange);
    if (!first) return protocolFailure('The upstream closed the stream before sending any data.');
    return { ok: true, value: { kind: 'streaming', status: exchange.status, contentType, headers: exchange.headers, first, source: exchange, cancel: exchange.cancel } };
  } catch (error) {
    const proxyError = upstreamNetworkError(error, signal);
    return { ok: false, error: proxyError, failure: { status: undefined, body: '', retryAfter: undefined } };
  }
}

async function readFirstChunk(exchange: UpstreamExchange): Promise<Buffer | undefined> {
  for (;;) {
    const chunk = await exchange.next();
    if (chunk === null) return undefined;
    if (chunk.length > 0) return chunk;
  }
}

async function httpFailure(response: UpstreamExchange, wire: WireFormat | undefined, onResponse?: UpstreamResponseObserver): Promise<AttemptOutcome<UpstreamReply>> {
  const body = await response.readAll().then((buffer) => buffer.toString('utf8'), () => '');
  onResponse?.(response.status, response.headers, body);
  const retryAfter = headerText(response.headers['retry-after']) || undefined;
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  const error = new ProxyError({
    code: 'PX_UPSTREAM_HTTP',
    message: upstreamErrorMessage(body, response.status),
    httpStatus: response.status,
    upstreamStatus: response.status,
    upstreamBody: body,
    ...(wire ? { upstreamWire: wire } : {}),
    retryable: response.status === 429 || response.status >= 500,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
  return { ok: false, error, failure: { status: response.status, body, retryAfter, headers: flatHeaders(response.headers) } };
}

function protocolFailure(message: string): AttemptOutcome<UpstreamReply> {
  const error = new ProxyError({ code: 'PX_UPSTREAM_PROTOCOL', message, httpStatus: 502, retryable: true });
  return { ok: false, error, failure: { status: undefined, body: '', retryAfter: undefined } };
}

/** Routing reads provider rate-limit headers (Claude's unified windows) from a failure. */
function flatHeaders(headers: UpstreamExchange['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name.toLowerCase()] = headerText(value);
  return flat;
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}
