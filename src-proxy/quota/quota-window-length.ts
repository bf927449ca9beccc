import type { QuotaWindow } from './quota-types';

const minuteMs = 60_000;
const unitMinutes: Readonly<Record<string, number>> = { minute: 1, hour: 60, day: 1440 };

/**
 * How long a window lasts, from what the readers name it: Claude's ids ('5h', '7d', '7d-opus', ...) and the
 * labels `windowLabel` gives a window of known minutes (Codex: 'Weekly', 'Daily', '5-hour', '3-day').
 * Null when the provider did not say (Gemini CLI's per-model buckets, an error's 'limit').
 */
export function windowLengthMs(window: Pick<QuotaWindow, 'id' | 'label'>): number | null {
  if (window.id === '5h') return 300 * minuteMs;
  if (window.id.startsWith('7d') || window.label === 'Weekly') return 10_080 * minuteMs;
  if (window.label === 'Daily') return 1440 * minuteMs;
  const match = /^(\d+)-(minute|hour|day)$/.exec(window.label);
  const unit = match?.[2] === undefined ? undefined : unitMinutes[match[2]];
  return match?.[1] !== undefined && unit !== undefined ? Number(match[1]) * unit * minuteMs : null;
}
