import { ProxyError } from '../errors/proxy-error';
import { errors } from './undici-lean';

/**
 * Turns what undici throws into a ProxyError. Network failures become retryable PX_UPSTREAM_NETWORK
 * errors (no status); an abort by our own signal becomes PX_CLIENT_ABORTED. The message names the
 * failure, never the headers (they carry the key).
 */
export function upstreamNetworkError(error: unknown, signal: AbortSignal): ProxyError {
  if (signal.aborted) {
    return new ProxyError({ code: 'PX_CLIENT_ABORTED', message: 'The client closed the connection.', httpStatus: 499 });
  }
  if (error instanceof ProxyError) return error;
  return new ProxyError({
    code: 'PX_UPSTREAM_NETWORK',
    message: `Upstream connection failed: ${describeNetworkError(error)}`,
    httpStatus: 502,
    retryable: true,
  });
}

function describeNetworkError(error: unknown): string {
  if (error instanceof errors.HeadersTimeoutError) return 'no response headers in time';
  if (error instanceof errors.BodyTimeoutError) return 'the response body stalled';
  if (error instanceof errors.ConnectTimeoutError) return 'connect timeout';
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code) return code;
  return error instanceof Error ? error.message : 'unknown error';
}
