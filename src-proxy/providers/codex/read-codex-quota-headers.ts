import { parseAuthTime } from '../../auth-store/parse-auth-time';
import type { QuotaCredits, QuotaReading, QuotaWindow } from '../../quota/quota-types';
import { headerValue, statusFromPercent, toBoolean, toNumber, windowLabel, type ResponseHeaders } from '../../quota/quota-window';

const primaryUsed = 'x-codex-primary-used-percent';
const secondaryUsed = 'x-codex-secondary-used-percent';

/**
 * Reads the ChatGPT backend's rate-limit headers on Codex responses (the Codex CLI records them as its
 * rate-limit snapshot): `x-codex-{primary,secondary}-used-percent` (0-100), `-window-minutes`,
 * `-reset-at` (unix seconds; an RFC3339 value is accepted too) or else `-reset-after-seconds`, plus
 * `x-codex-plan-type` and `x-codex-credits-{has-credits,unlimited,balance}` (booleans title-cased).
 * A window of 0 minutes is an inactive tier and is left out. Undefined, after two lookups, when absent.
 */
export function readCodexQuotaHeaders(headers: ResponseHeaders, now: number): QuotaReading | undefined {
  if (headers[primaryUsed] === undefined && headers[secondaryUsed] === undefined) return undefined;
  const windows: QuotaWindow[] = [];
  for (const id of ['primary', 'secondary'] as const) {
    const window = readWindow(headers, id, now);
    if (window) windows.push(window);
  }
  const plan = headerValue(headers, 'x-codex-plan-type')?.trim();
  const credits = readCredits(headers);
  return { source: 'headers', windows, ...(plan ? { plan } : {}), ...(credits ? { credits } : {}) };
}

function readWindow(headers: ResponseHeaders, id: 'primary' | 'secondary', now: number): QuotaWindow | undefined {
  const usedPercent = toNumber(headerValue(headers, `x-codex-${id}-used-percent`));
  if (usedPercent === null) return undefined;
  const minutes = toNumber(headerValue(headers, `x-codex-${id}-window-minutes`));
  if (minutes === 0) return undefined;
  const resetAfter = toNumber(headerValue(headers, `x-codex-${id}-reset-after-seconds`));
  const resetsAt = parseAuthTime(headerValue(headers, `x-codex-${id}-reset-at`)) ?? (resetAfter !== null ? now + resetAfter * 1000 : null);
  return { id, label: windowLabel(minutes, id === 'primary' ? 'Primary' : 'Secondary'), usedPercent, resetsAt, status: statusFromPercent(usedPercent) };
}

function readCredits(headers: ResponseHeaders): QuotaCredits | undefined {
  const hasCredits = toBoolean(headerValue(headers, 'x-codex-credits-has-credits'));
  const unlimited = toBoolean(headerValue(headers, 'x-codex-credits-unlimited'));
  const balance = headerValue(headers, 'x-codex-credits-balance')?.trim() || null;
  if (hasCredits === null && unlimited === null && balance === null) return undefined;
  return { hasCredits, unlimited, balance };
}
