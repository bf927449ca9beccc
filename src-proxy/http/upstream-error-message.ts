/** The upstream's own message when its error body has one, so the client sees why. */
export function upstreamErrorMessage(body: string, status: number): string {
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
