/**
 * What a failed login tells the user (the CLI's "Login failed: …", the login status of the UI and the management
 * API). undici reports every network failure as "fetch failed" with the reason in `cause`: this names the host
 * and the reason instead, so an offline machine or a blocked provider reads as such.
 */
export function loginFailureMessage(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === 'string' && error !== '' ? error : 'Login failed';
  const cause = error.cause;
  if (error.message !== 'fetch failed' || !(cause instanceof Error)) return error.message;
  const reason = cause as Error & { code?: string; hostname?: string; address?: string; port?: number };
  const where = reason.hostname ?? (reason.address === undefined ? undefined : `${reason.address}${reason.port === undefined ? '' : `:${reason.port}`}`);
  return `Could not reach ${where ?? 'the provider'} (${reason.code ?? reason.message}); check the network connection or the proxy-url setting.`;
}
