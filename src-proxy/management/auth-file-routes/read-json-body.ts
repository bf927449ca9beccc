export type JsonBody = { ok: true; value: unknown } | { ok: false };

/**
 * The route group reads bodies as text (see register-auth-file-routes.ts) so an upload is written byte for
 * byte and a malformed body becomes CPA's 400 `invalid request body`, not the proxy's error format.
 */
export function readJsonBody(body: unknown): JsonBody {
  if (typeof body !== 'string' || body.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A body field as a trimmed string; '' for anything else. */
export function trimmedString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
