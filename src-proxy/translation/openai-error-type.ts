import type { ProxyError } from '../errors/proxy-error';

/** An OpenAI error's `type` and `code` (docs/protocols.md#errors; docs/errors.md). */
export interface OpenAIErrorType {
  type: string;
  code: string | null;
}

/** `type` and `code` OpenAI uses for an HTTP status (docs/protocols.md#errors), shared with the stream encoders. */
export function openaiErrorTypeForStatus(status: number): OpenAIErrorType {
  if (status === 401) return { type: 'authentication_error', code: 'invalid_api_key' };
  if (status === 403) return { type: 'permission_error', code: 'insufficient_quota' };
  if (status === 404) return { type: 'invalid_request_error', code: 'model_not_found' };
  if (status === 429) return { type: 'rate_limit_error', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: 'internal_server_error' };
  return { type: 'invalid_request_error', code: null };
}

/** The `type` and `code` of an engine error, the same for every OpenAI wire (Chat, Completions, Responses). */
export function openaiErrorType(error: ProxyError): OpenAIErrorType {
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
      return openaiErrorTypeForStatus(error.httpStatus);
  }
}
