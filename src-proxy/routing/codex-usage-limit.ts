/**
 * Codex's quota answer (docs/providers.md#codex-errors-and-quota): a body with `error.type == "usage_limit_reached"` means the
 * ChatGPT account is out of quota until `error.resets_at` (unix seconds) or `resets_in_seconds` from now.
 * Returns the wait (null when no reset is given), or undefined for any other body.
 */
export function readCodexUsageLimit(body: string, now: number): { waitMs: number | null } | undefined {
  if (!body.includes('usage_limit_reached')) return undefined;
  let error: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'object' && parsed.error !== null) error = parsed.error as Record<string, unknown>;
  } catch {
    return { waitMs: null };
  }
  if (error.type !== 'usage_limit_reached' && error.code !== 'usage_limit_reached') return undefined;
  const resetsAt = Number(error.resets_at);
  if (Number.isFinite(resetsAt) && resetsAt > 0) return { waitMs: Math.max(1000, resetsAt * 1000 - now) };
  const resetsIn = Number(error.resets_in_seconds);
  if (Number.isFinite(resetsIn) && resetsIn > 0) return { waitMs: Math.max(1000, resetsIn * 1000) };
  return { waitMs: null };
}
