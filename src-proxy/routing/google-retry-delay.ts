/**
 * The retry hint in a Google error body (docs/providers.md#gemini-cli-errors-and-quota), in order: `error.details[]` RetryInfo
 * `retryDelay` ("37s", "0.5s"), else ErrorInfo `metadata.quotaResetDelay` ("1h2m3.5s", "373.8s"), else a
 * message saying `after 12s` or `after 1h2m3s`. Milliseconds, or undefined when there is none.
 */
export function readGoogleRetryDelayMs(body: string): number | undefined {
  if (!body.includes('RetryInfo') && !body.includes('quotaResetDelay') && !/after \d/.test(body)) return undefined;
  let error: { details?: unknown; message?: unknown } = {};
  try {
    const parsed = JSON.parse(body) as unknown;
    const root = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
    const candidate = typeof root === 'object' && root !== null ? (root as { error?: unknown }).error : undefined;
    if (typeof candidate === 'object' && candidate !== null) error = candidate as typeof error;
  } catch {
    return undefined;
  }
  const details = Array.isArray(error.details) ? (error.details as Array<Record<string, unknown>>) : [];
  for (const detail of details) {
    if (typeof detail === 'object' && detail !== null && detail['@type'] === 'type.googleapis.com/google.rpc.RetryInfo') {
      const delay = parseGoDuration(detail.retryDelay);
      if (delay !== undefined) return delay;
    }
  }
  for (const detail of details) {
    if (typeof detail === 'object' && detail !== null && detail['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo') {
      const metadata = detail.metadata as Record<string, unknown> | undefined;
      const delay = parseGoDuration(metadata?.quotaResetDelay);
      if (delay !== undefined) return delay;
    }
  }
  const match = typeof error.message === 'string' ? /after ((?:\d+(?:\.\d+)?[hms])+)/.exec(error.message) : null;
  return match ? parseGoDuration(match[1]) : undefined;
}

/** "37s", "1.5s", "1h2m3.5s", "500ms" -> milliseconds. */
function parseGoDuration(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(value.trim())) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.trim().matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    const scale = unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1;
    total += Number(amount) * scale;
  }
  return Math.round(total);
}
