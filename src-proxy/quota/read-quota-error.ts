import { readCodexUsageLimit } from '../routing/codex-usage-limit';
import { readGoogleRetryDelayMs } from '../routing/google-retry-delay';
import type { QuotaReading } from './quota-types';

/** The id of the window an error reading adds (it replaces the previous one of that id). */
export const limitWindowId = 'limit';

/**
 * A quota answer in an upstream error body, read with the same rules routing uses for cooldowns:
 * Codex `usage_limit_reached` (reset at `resets_at` / after `resets_in_seconds`, docs/providers.md#codex-errors-and-quota) and a Google
 * 429 with RetryInfo `retryDelay` / ErrorInfo `quotaResetDelay` (docs/providers.md#gemini-cli-errors-and-quota). One refused 'limit' window;
 * undefined for any other error.
 */
export function readQuotaError(status: number, body: string, now: number): QuotaReading | undefined {
  if (status < 400 || body === '') return undefined;
  const codex = readCodexUsageLimit(body, now);
  if (codex) return limitReading('Usage limit reached', 100, codex.waitMs, now);
  if (status !== 429) return undefined;
  const delayMs = readGoogleRetryDelayMs(body);
  return delayMs === undefined ? undefined : limitReading('Rate limited', null, delayMs, now);
}

function limitReading(label: string, usedPercent: number | null, waitMs: number | null, now: number): QuotaReading {
  return { source: 'error', windows: [{ id: limitWindowId, label, usedPercent, resetsAt: waitMs === null ? null : now + waitMs, status: 'rejected' }] };
}
