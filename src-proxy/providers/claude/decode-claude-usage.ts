import { z } from 'zod';
import type { QuotaReading, QuotaWindow } from '../../quota/quota-types';
import { statusFromPercent } from '../../quota/quota-window';
import { looseBoolean, looseNumber, looseTime } from '../../quota/usage-json-fields';

const usageWindow = z.object({ utilization: looseNumber, resets_at: looseTime }).nullish().catch(null);
const claudeUsage = z.object({
  five_hour: usageWindow,
  seven_day: usageWindow,
  seven_day_opus: usageWindow,
  seven_day_sonnet: usageWindow,
  seven_day_oauth_apps: usageWindow,
  extra_usage: z
    .object({ is_enabled: looseBoolean, monthly_limit: looseNumber, used_credits: looseNumber, utilization: looseNumber })
    .nullish()
    .catch(null),
});

const windows = [
  { key: 'five_hour', id: '5h', label: '5-hour' },
  { key: 'seven_day', id: '7d', label: 'Weekly' },
  { key: 'seven_day_opus', id: '7d-opus', label: 'Weekly (Opus)' },
  { key: 'seven_day_sonnet', id: '7d-sonnet', label: 'Weekly (Sonnet)' },
  { key: 'seven_day_oauth_apps', id: '7d-oauth-apps', label: 'Weekly (OAuth apps)' },
] as const;

/**
 * `GET api.anthropic.com/api/oauth/usage` (what Claude Code's `/usage` shows; shape as peer apps read it,
 * not documented by Anthropic): `five_hour`, `seven_day`, `seven_day_opus`, `seven_day_sonnet`,
 * `seven_day_oauth_apps`, each `{utilization: 0-100, resets_at: RFC3339}` or null, and `extra_usage`
 * `{is_enabled, monthly_limit, used_credits, utilization}`. Undefined when the body is not a JSON object.
 */
export function decodeClaudeUsage(body: unknown): QuotaReading | undefined {
  const parsed = claudeUsage.safeParse(body);
  if (!parsed.success) return undefined;
  const usage = parsed.data;
  const found: QuotaWindow[] = [];
  for (const { key, id, label } of windows) {
    const window = usage[key];
    if (!window) continue;
    found.push({ id, label, usedPercent: window.utilization, resetsAt: window.resets_at, status: statusFromPercent(window.utilization) });
  }
  const extra = usage.extra_usage;
  return {
    source: 'usage-endpoint',
    windows: found,
    ...(extra
      ? {
          extraUsage: {
            enabled: extra.is_enabled,
            usedPercent: extra.utilization,
            usedCredits: extra.used_credits,
            monthlyLimit: extra.monthly_limit,
            status: extra.is_enabled === false ? null : statusFromPercent(extra.utilization),
          },
        }
      : {}),
  };
}
