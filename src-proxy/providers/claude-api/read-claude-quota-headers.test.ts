import { describe, expect, it } from 'vitest';
import { readClaudeQuotaHeaders } from './read-claude-quota-headers';

/** The unified headers of a Claude Max response (values as Anthropic sends them: fractions, unix seconds). */
const maxPlanHeaders = {
  'content-type': 'application/json',
  'request-id': 'req_011CUExample',
  'anthropic-ratelimit-unified-status': 'allowed',
  'anthropic-ratelimit-unified-reset': '1790814600',
  'anthropic-ratelimit-unified-representative-claim': 'five_hour',
  'anthropic-ratelimit-unified-fallback-percentage': '0.5',
  'anthropic-ratelimit-unified-5h-utilization': '0.21',
  'anthropic-ratelimit-unified-5h-reset': '1790814600',
  'anthropic-ratelimit-unified-5h-status': 'allowed',
  'anthropic-ratelimit-unified-7d-utilization': '0.68',
  'anthropic-ratelimit-unified-7d-reset': '1791244800',
  'anthropic-ratelimit-unified-7d-status': 'allowed_warning',
  'anthropic-ratelimit-unified-overage-status': 'rejected',
  'anthropic-ratelimit-unified-overage-disabled-reason': 'org_level_disabled',
};

describe('readClaudeQuotaHeaders', () => {
  it('reads the 5h and weekly windows: fraction -> percent, unix seconds -> epoch ms, status mapped', () => {
    const reading = readClaudeQuotaHeaders(maxPlanHeaders);
    expect(reading?.source).toBe('headers');
    expect(reading?.windows).toEqual([
      { id: '5h', label: '5-hour', usedPercent: 21, resetsAt: 1_790_814_600_000, status: 'ok' },
      { id: '7d', label: 'Weekly', usedPercent: 68, resetsAt: 1_791_244_800_000, status: 'warning' },
    ]);
    expect(reading?.extraUsage).toEqual({ enabled: null, usedPercent: null, usedCredits: null, monthlyLimit: null, status: 'rejected' });
  });

  it('a 429 with a rejected 5h window and RFC3339 resets; the undocumented 7d_oi window is kept', () => {
    const reading = readClaudeQuotaHeaders({
      'anthropic-ratelimit-unified-status': 'rejected',
      'anthropic-ratelimit-unified-5h-utilization': '1.02',
      'anthropic-ratelimit-unified-5h-reset': '2026-11-26T20:00:00Z',
      'anthropic-ratelimit-unified-5h-status': 'rejected',
      'anthropic-ratelimit-unified-7d_oi-utilization': '0.05',
      'anthropic-ratelimit-unified-7d_oi-reset': '1791244800',
    });
    expect(reading?.windows).toEqual([
      { id: '5h', label: '5-hour', usedPercent: 102, resetsAt: Date.parse('2026-11-26T20:00:00Z'), status: 'rejected' },
      { id: '7d-oi', label: 'Weekly (oi)', usedPercent: 5, resetsAt: 1_791_244_800_000, status: 'ok' },
    ]);
    expect(reading?.extraUsage).toBeUndefined();
  });

  it('only the account-wide status: one plan row, so a refusal is still visible', () => {
    const reading = readClaudeQuotaHeaders({ 'anthropic-ratelimit-unified-status': 'rejected', 'anthropic-ratelimit-unified-reset': '1790814600' });
    expect(reading?.windows).toEqual([{ id: 'plan', label: 'Plan limit', usedPercent: null, resetsAt: 1_790_814_600_000, status: 'rejected' }]);
  });

  it('without a utilization status, the percentage decides (80 % warning, 100 % rejected); odd values are null', () => {
    const reading = readClaudeQuotaHeaders({
      'anthropic-ratelimit-unified-5h-utilization': '0.85',
      'anthropic-ratelimit-unified-7d-utilization': 'n/a',
      'anthropic-ratelimit-unified-7d-reset': 'soon',
      'anthropic-ratelimit-unified-7d-status': 'allowed',
    });
    expect(reading?.windows).toEqual([
      { id: '5h', label: '5-hour', usedPercent: 85, resetsAt: null, status: 'warning' },
      { id: '7d', label: 'Weekly', usedPercent: null, resetsAt: null, status: 'ok' },
    ]);
  });

  it('array header values: the first one counts', () => {
    expect(readClaudeQuotaHeaders({ 'anthropic-ratelimit-unified-5h-utilization': ['0.5', '0.9'] })?.windows[0]?.usedPercent).toBe(50);
  });

  it('undefined for an API-key response (rate-limit headers of another family)', () => {
    expect(
      readClaudeQuotaHeaders({ 'anthropic-ratelimit-requests-limit': '4000', 'anthropic-ratelimit-requests-remaining': '3999', 'anthropic-ratelimit-tokens-reset': '2026-11-26T16:00:00Z' }),
    ).toBeUndefined();
  });
});
