import { z } from 'zod';
import type { QuotaReading, QuotaWindow } from '../../quota/quota-types';
import { statusFromPercent, windowLabel } from '../../quota/quota-window';
import { looseBoolean, looseNumber, looseText, looseTime } from '../../quota/usage-json-fields';

const usageWindow = z
  .object({ used_percent: looseNumber, limit_window_seconds: looseNumber, reset_after_seconds: looseNumber, reset_at: looseTime })
  .nullish()
  .catch(null);
const codexUsage = z.object({
  plan_type: looseText,
  rate_limit: z.object({ allowed: looseBoolean, limit_reached: looseBoolean, primary_window: usageWindow, secondary_window: usageWindow }).nullish().catch(null),
  credits: z
    .object({ has_credits: looseBoolean, unlimited: looseBoolean, balance: looseText })
    .nullish()
    .catch(null),
});

type UsageWindow = NonNullable<z.infer<typeof usageWindow>>;

/**
 * `GET chatgpt.com/backend-api/wham/usage` (what Codex's `/status` shows; shape as peer apps read it, not
 * documented by OpenAI): `plan_type`, `rate_limit {allowed, limit_reached, primary_window,
 * secondary_window}` with windows `{used_percent, limit_window_seconds, reset_after_seconds, reset_at
 * (unix s)}`, and `credits {has_credits, unlimited, balance}`. `code_review_rate_limit` is not read.
 * When the account is refused (`limit_reached` / not `allowed`), its fullest window is marked rejected.
 */
export function decodeCodexUsage(body: unknown, now: number): QuotaReading | undefined {
  const parsed = codexUsage.safeParse(body);
  if (!parsed.success) return undefined;
  const { plan_type: plan, rate_limit: limits, credits } = parsed.data;
  const windows: QuotaWindow[] = [];
  const primary = limits?.primary_window ? toWindow('primary', 'Primary', limits.primary_window, now) : undefined;
  const secondary = limits?.secondary_window ? toWindow('secondary', 'Secondary', limits.secondary_window, now) : undefined;
  if (primary) windows.push(primary);
  if (secondary) windows.push(secondary);
  const refused = limits?.limit_reached === true || limits?.allowed === false;
  if (refused && windows.length > 0 && !windows.some((window) => window.status === 'rejected')) {
    const fullest = windows.reduce((a, b) => ((b.usedPercent ?? 0) > (a.usedPercent ?? 0) ? b : a));
    fullest.status = 'rejected';
  }
  return {
    source: 'usage-endpoint',
    windows,
    ...(plan ? { plan } : {}),
    ...(credits ? { credits: { hasCredits: credits.has_credits, unlimited: credits.unlimited, balance: credits.balance } } : {}),
  };
}

function toWindow(id: string, fallbackLabel: string, window: UsageWindow, now: number): QuotaWindow | undefined {
  const seconds = window.limit_window_seconds;
  if (seconds === 0) return undefined;
  const resetsAt = window.reset_at ?? (window.reset_after_seconds !== null ? now + window.reset_after_seconds * 1000 : null);
  return {
    id,
    label: windowLabel(seconds === null ? null : Math.round(seconds / 60), fallbackLabel),
    usedPercent: window.used_percent,
    resetsAt,
    status: statusFromPercent(window.used_percent),
  };
}
