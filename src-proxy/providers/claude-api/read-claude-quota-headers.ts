import { parseAuthTime } from '../../auth-store/parse-auth-time';
import type { QuotaReading, QuotaStatus, QuotaWindow } from '../../quota/quota-types';
import { fractionToPercent, headerValue, statusFromPercent, toNumber, type ResponseHeaders } from '../../quota/quota-window';

const prefix = 'anthropic-ratelimit-unified-';
const statusHeader = `${prefix}status`;
const fiveHourUtilization = `${prefix}5h-utilization`;
const sevenDayUtilization = `${prefix}7d-utilization`;

/** The unified subscription windows (docs/providers.md#claude-errors-and-quota); `7d_oi` is a third weekly window whose meaning Anthropic does not document. */
const windows = [
  { key: '5h', id: '5h', label: '5-hour' },
  { key: '7d', id: '7d', label: 'Weekly' },
  { key: '7d_oi', id: '7d-oi', label: 'Weekly (oi)' },
] as const;

/**
 * Reads Anthropic's unified rate-limit headers, sent on every Claude subscription (OAuth) response:
 * `anthropic-ratelimit-unified-{5h,7d,7d_oi}-utilization` (a 0..1 fraction), `-reset` (unix seconds or
 * RFC3339, docs/providers.md#claude-errors-and-quota) and `-status` (`allowed` | `allowed_warning` | `rejected`), the account-wide
 * `-status` / `-reset`, and `-overage-status` (extra usage). Undefined when the response has none, after
 * at most three lookups: this runs on every proxied response.
 */
export function readClaudeQuotaHeaders(headers: ResponseHeaders): QuotaReading | undefined {
  if (headers[fiveHourUtilization] === undefined && headers[sevenDayUtilization] === undefined && headers[statusHeader] === undefined) return undefined;
  const found: QuotaWindow[] = [];
  for (const { key, id, label } of windows) {
    const fraction = toNumber(headerValue(headers, `${prefix}${key}-utilization`));
    const resetsAt = parseAuthTime(headerValue(headers, `${prefix}${key}-reset`));
    const status = mapClaudeStatus(headerValue(headers, `${prefix}${key}-status`));
    if (fraction === null && resetsAt === null && status === null) continue;
    const usedPercent = fraction === null ? null : fractionToPercent(fraction);
    found.push({ id, label, usedPercent, resetsAt, status: status ?? statusFromPercent(usedPercent) });
  }
  const accountStatus = mapClaudeStatus(headerValue(headers, statusHeader));
  // Only the account-wide fields: still worth a row, or a 429 "rejected" would show nothing.
  if (found.length === 0 && accountStatus !== null) {
    found.push({ id: 'plan', label: 'Plan limit', usedPercent: null, resetsAt: parseAuthTime(headerValue(headers, `${prefix}reset`)), status: accountStatus });
  }
  const overage = mapClaudeStatus(headerValue(headers, `${prefix}overage-status`));
  return {
    source: 'headers',
    windows: found,
    ...(overage !== null ? { extraUsage: { enabled: null, usedPercent: null, usedCredits: null, monthlyLimit: null, status: overage } } : {}),
  };
}

function mapClaudeStatus(value: string | undefined): QuotaStatus | null {
  switch (value?.trim().toLowerCase()) {
    case 'allowed':
      return 'ok';
    case 'allowed_warning':
      return 'warning';
    case 'rejected':
      return 'rejected';
    default:
      return null;
  }
}
