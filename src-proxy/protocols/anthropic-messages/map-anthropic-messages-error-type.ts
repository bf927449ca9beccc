/**
 * HTTP status <-> Anthropic error `type` (https://docs.anthropic.com/en/api/errors; docs/protocols.md#errors).
 */
const typeByStatus: ReadonlyMap<number, string> = new Map([
  [400, 'invalid_request_error'],
  [401, 'authentication_error'],
  [402, 'billing_error'],
  [403, 'permission_error'],
  [404, 'not_found_error'],
  [413, 'request_too_large'],
  [429, 'rate_limit_error'],
  [500, 'api_error'],
  [504, 'timeout_error'],
  [529, 'overloaded_error'],
]);

const statusByType: ReadonlyMap<string, number> = new Map([...typeByStatus].map(([status, type]) => [type, status]));

/** 401 authentication_error ... 529 overloaded_error, other >=500 api_error, else invalid_request_error. */
export function mapStatusToAnthropicErrorType(status: number): string {
  const known = typeByStatus.get(status);
  if (known !== undefined) return known;
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

/** An Anthropic error type (e.g. from an in-stream `error` event) -> the status that best describes it. */
export function mapAnthropicErrorTypeToStatus(type: string | undefined): number {
  if (type === undefined) return 500;
  return statusByType.get(type) ?? 500;
}

/** Whether `type` is one of the Anthropic error types (so it may be shown to an Anthropic client as is). */
export function isAnthropicErrorType(type: unknown): type is string {
  return typeof type === 'string' && statusByType.has(type);
}
