/**
 * docs/providers.md#xai-errors-and-quota: xAI's chat proxy answers an access token it no longer accepts with 403
 * and `bad-credentials` (in `code`, or `error.code`) or "access token could not be validated", which is an
 * expired token, not a missing permission: it is refreshed and the call retried, as after a 401.
 */
export function isXaiExpiredTokenAnswer(status: number, body: string): boolean {
  if (status !== 403) return false;
  const text = body.toLowerCase();
  return text.includes('bad-credentials') || text.includes('access token could not be validated');
}
