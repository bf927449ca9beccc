import { describe, expect, it } from 'vitest';
import { classifyFailure } from './classify-failure';
import { readClaudeRateLimit } from './claude-rate-limit';

const now = Date.UTC(2026, 10, 26, 12);
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('readClaudeRateLimit (docs/providers.md#claude-errors-and-quota)', () => {
  it('cools the whole account until the latest reset of the rejected windows', () => {
    const headers = {
      'anthropic-ratelimit-unified-5h-status': 'rejected',
      'anthropic-ratelimit-unified-5h-reset': seconds(now + 2 * 3_600_000),
      'anthropic-ratelimit-unified-7d-status': 'allowed',
      'anthropic-ratelimit-unified-7d-reset': seconds(now + 5 * 86_400_000),
      'retry-after': '60',
    };
    expect(readClaudeRateLimit(headers, '', now)).toEqual({ kind: 'credential-quota', waitMs: 2 * 3_600_000 });
    expect(readClaudeRateLimit({ 'anthropic-ratelimit-unified-status': 'rejected', 'anthropic-ratelimit-unified-reset': new Date(now + 90_000).toISOString() }, '', now)).toEqual({ kind: 'credential-quota', waitMs: 90_000 });
    expect(readClaudeRateLimit({ 'anthropic-ratelimit-unified-7d-status': 'rejected' }, '', now)).toEqual({ kind: 'credential-quota', waitMs: null });
  });

  it('treats a fast-mode rejection as request-scoped and other 429s as ordinary', () => {
    expect(readClaudeRateLimit({}, '{"error":{"message":"Fast mode requires usage credits"}}', now)).toEqual({ kind: 'request-scoped' });
    expect(readClaudeRateLimit({ 'anthropic-ratelimit-unified-5h-status': 'allowed' }, 'rate limited', now)).toBeUndefined();
  });

  it('feeds classifyFailure: credential scope for a rejected window, no rotation for request-scoped', () => {
    const windowRejected = classifyFailure({ status: 429, body: '', retryAfter: undefined, headers: { 'anthropic-ratelimit-unified-5h-status': 'rejected', 'anthropic-ratelimit-unified-5h-reset': seconds(Date.now() + 3_600_000) } }, 0, 0);
    expect(windowRejected).toMatchObject({ rotate: true, scope: 'credential', quota: true });
    expect(windowRejected.cooldownMs).toBeGreaterThan(3_590_000);
    expect(classifyFailure({ status: 429, body: 'fast request rejected', retryAfter: undefined, headers: {} }, 0, 0)).toMatchObject({ rotate: false, cooldownMs: 0 });
  });
});
