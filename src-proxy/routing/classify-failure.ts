import { readClaudeRateLimit } from './claude-rate-limit';
import { readCodexUsageLimit } from './codex-usage-limit';
import { readGoogleRetryDelayMs } from './google-retry-delay';

/**
 * What an upstream failure means for the credential that produced it (docs/routing.md#cooldowns): a request fault is the
 * client's problem (no cooldown, no rotation); everything else cools the credential down for a while and
 * lets the request move on to another credential.
 */
export interface UpstreamFailure {
  /** Upstream HTTP status; undefined for network failures (refused, reset, timeout). */
  status: number | undefined;
  /** Upstream error body text (may be empty). */
  body: string;
  /** Upstream `Retry-After` header value, if any. */
  retryAfter: string | undefined;
  /** Upstream response headers (lower-cased names), when the failure was an HTTP answer. */
  headers?: Readonly<Record<string, string>>;
}

export type FailureScope = 'credential' | 'model';

/** Why a credential failed (also what a team server's shared cooldowns carry). */
export const failureReasons = ['unauthorized', 'payment_required', 'not_found', 'model_not_supported', 'quota', 'transient', 'request_fault'] as const;

export interface FailureVerdict {
  /** Request faults go straight back to the client. */
  rotate: boolean;
  cooldownMs: number;
  scope: FailureScope;
  reason: (typeof failureReasons)[number];
  /** 429s escalate the exponential backoff level. */
  quota: boolean;
}

const minute = 60_000;
const hour = 60 * minute;
export const maxQuotaBackoffMs = 30 * minute;
const requestFaultStatuses = new Set([400, 409, 413, 422]);

export function classifyFailure(failure: UpstreamFailure, quotaLevel: number, transientCooldownSeconds: number): FailureVerdict {
  const { body } = failure;
  const text = body.toLowerCase();
  // Qwen (docs/providers.md#qwen-errors-and-quota) answers quota exhaustion with 403 as well as 429: it is a quota, not a refusal.
  const status = failure.status === 403 && isQuotaBody(text) ? 429 : failure.status;
  // Already normalized by config: seconds, 0 = no cooldown.
  const transientMs = Math.max(0, transientCooldownSeconds) * 1000;
  if (status === undefined) return verdict('transient', transientMs, 'model');
  if ((status === 400 || status === 401) && text.includes('invalid_grant')) return verdict('unauthorized', 30 * minute, 'credential');
  // Codex quota (docs/providers.md#codex-errors-and-quota): the whole account waits until the reset, whatever status carried it.
  const codexQuota = status >= 400 ? readCodexUsageLimit(body, Date.now()) : undefined;
  if (codexQuota) return { ...verdict('quota', codexQuota.waitMs ?? Math.min(1000 * 2 ** quotaLevel, maxQuotaBackoffMs), 'credential'), quota: true };
  if (status === 401) return verdict('unauthorized', 30 * minute, 'credential');
  if (status === 402 || status === 403) return verdict('payment_required', 30 * minute, 'credential');
  if (status === 404) return verdict('not_found', 12 * hour, 'model');
  if ((status === 400 || status === 422) && isModelNotSupported(text)) return verdict('model_not_supported', 12 * hour, 'model');
  if (status === 429) {
    const claude = failure.headers ? readClaudeRateLimit(failure.headers, body, Date.now()) : undefined;
    if (claude?.kind === 'request-scoped') return { rotate: false, cooldownMs: 0, scope: 'model', reason: 'request_fault', quota: false };
    if (claude?.kind === 'credential-quota') {
      const backoff = Math.min(1000 * 2 ** quotaLevel, maxQuotaBackoffMs);
      return { ...verdict('quota', claude.waitMs ?? backoff, 'credential'), quota: true };
    }
    // Retry-After, else a Google error body's RetryInfo / quotaResetDelay / 'after Ns' (docs/providers.md#gemini-cli-errors-and-quota).
    const hinted = parseRetryAfterMs(failure.retryAfter) ?? readGoogleRetryDelayMs(body);
    const backoff = Math.min(1000 * 2 ** quotaLevel, maxQuotaBackoffMs);
    return { ...verdict('quota', hinted ?? backoff, 'model'), quota: true };
  }
  if (requestFaultStatuses.has(status)) return { rotate: false, cooldownMs: 0, scope: 'model', reason: 'request_fault', quota: false };
  return verdict('transient', transientMs, 'model');
}

function verdict(reason: FailureVerdict['reason'], cooldownMs: number, scope: FailureScope): FailureVerdict {
  return { rotate: true, cooldownMs, scope, reason, quota: false };
}

function isQuotaBody(text: string): boolean {
  return /"(code|type)"\s*:\s*"(insufficient_quota|quota_exceeded)"/.test(text) || text.includes('free allocated quota exceeded');
}

function isModelNotSupported(text: string): boolean {
  return /model[^a-z]*(is )?not (supported|found|exist)|unsupported model|model_not_found|does not exist/.test(text);
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
