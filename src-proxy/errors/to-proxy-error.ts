import { ProxyError } from './proxy-error';

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/**
 * Turns anything thrown inside a request into a ProxyError. Fastify's own body errors become client
 * errors with a message a person can act on; anything unexpected becomes PX_INTERNAL with a generic
 * message, so no internals (paths, stack, secrets) reach the client.
 */
export function toProxyError(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  switch (candidate.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidBody(`Request body is not valid JSON: ${String(candidate.message ?? '')}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProxyError({ code: 'PX_BODY_TOO_LARGE', message: 'Request body is larger than the configured limit (body-limit-mb).', httpStatus: 413 });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return invalidBody('Unsupported Content-Type: send the request body as application/json.', 415);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return invalidBody('Content-Length does not match the request body.');
    default:
      break;
  }
  if (error instanceof SyntaxError) return invalidBody(`Request body is not valid JSON: ${error.message}`);
  // JSON.parse copes with any depth, but the recursive work after it (payload rules, translation,
  // JSON.stringify) overflows the stack on bodies nested thousands deep: the client's fault, not ours.
  if (error instanceof RangeError && error.message.includes('Maximum call stack size exceeded')) return invalidBody('Request body is nested too deeply.');
  const status = typeof candidate.statusCode === 'number' ? candidate.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new ProxyError({ code: 'PX_INVALID_REQUEST', message: String(candidate.message ?? 'Bad request'), httpStatus: status });
  }
  return new ProxyError({ code: 'PX_INTERNAL', message: 'Internal proxy error; see the proxy log for details.', httpStatus: 500 });
}

function invalidBody(message: string, httpStatus = 400): ProxyError {
  return new ProxyError({ code: 'PX_INVALID_REQUEST', message, httpStatus });
}
