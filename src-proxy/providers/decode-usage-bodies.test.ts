import { describe, expect, it } from 'vitest';
import { decodeClaudeUsage } from './claude/decode-claude-usage';
import { decodeCodexUsage } from './codex/decode-codex-usage';
import { decodeGeminiCliQuota } from './gemini-cli/decode-gemini-cli-quota';

const now = 1_790_000_000_000;

describe('decodeClaudeUsage (tolerant: the endpoint is undocumented)', () => {
  it('numbers as strings, a missing reset, an odd window and unknown keys', () => {
    const reading = decodeClaudeUsage({
      five_hour: { utilization: '99.5' },
      seven_day: 'broken',
      seven_day_opus: { utilization: 100, resets_at: 1_790_100_000 },
      some_future_window: { utilization: 5 },
      extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 1250.5, utilization: 25.01 },
    });
    expect(reading).toEqual({
      source: 'usage-endpoint',
      windows: [
        { id: '5h', label: '5-hour', usedPercent: 99.5, resetsAt: null, status: 'warning' },
        { id: '7d-opus', label: 'Weekly (Opus)', usedPercent: 100, resetsAt: 1_790_100_000_000, status: 'rejected' },
      ],
      extraUsage: { enabled: true, usedPercent: 25.01, usedCredits: 1250.5, monthlyLimit: 5000, status: 'ok' },
    });
  });

  it('an empty object is a reading with no windows; a non-object is not a reading', () => {
    expect(decodeClaudeUsage({})).toEqual({ source: 'usage-endpoint', windows: [] });
    expect(decodeClaudeUsage('error')).toBeUndefined();
    expect(decodeClaudeUsage(null)).toBeUndefined();
  });
});

describe('decodeCodexUsage (tolerant: the endpoint is undocumented)', () => {
  it('reset from reset_after_seconds, a window without a length, a 0-second window, a numeric balance', () => {
    const reading = decodeCodexUsage(
      {
        plan_type: ' plus ',
        rate_limit: { primary_window: { used_percent: '81', reset_after_seconds: 120 }, secondary_window: { used_percent: 0, limit_window_seconds: 0 } },
        credits: { has_credits: 'True', unlimited: null, balance: 12.5 },
      },
      now,
    );
    expect(reading).toEqual({
      source: 'usage-endpoint',
      plan: 'plus',
      credits: { hasCredits: true, unlimited: null, balance: '12.5' },
      windows: [{ id: 'primary', label: 'Primary', usedPercent: 81, resetsAt: now + 120_000, status: 'warning' }],
    });
  });

  it('no rate_limit at all: no windows; a non-object is not a reading', () => {
    expect(decodeCodexUsage({ plan_type: 'free' }, now)).toEqual({ source: 'usage-endpoint', windows: [], plan: 'free' });
    expect(decodeCodexUsage([1, 2], now)).toBeUndefined();
  });
});

describe('decodeGeminiCliQuota (tolerant: retrieveUserQuota is undocumented)', () => {
  it('a window per model; another token type is its own window; odd buckets and fields are dropped or null', () => {
    const reading = decodeGeminiCliQuota({
      buckets: [
        { modelId: 'gemini-2.5-pro', tokenType: 'REQUESTS', remainingFraction: 0.05, resetTime: '2026-12-08T08:00:00Z' },
        { modelId: 'gemini-2.5-pro', tokenType: 'INPUT_TOKENS', remainingFraction: '0.5' },
        { tokenType: 'REQUESTS', remainingFraction: 0.1 },
        'broken',
        { modelId: 'gemini-2.5-flash' },
      ],
    });
    expect(reading).toEqual({
      source: 'usage-endpoint',
      windows: [
        { id: 'gemini-2.5-pro', label: 'gemini-2.5-pro', usedPercent: 95, resetsAt: Date.parse('2026-12-08T08:00:00Z'), status: 'warning' },
        { id: 'gemini-2.5-pro:input_tokens', label: 'gemini-2.5-pro (input_tokens)', usedPercent: 50, resetsAt: null, status: 'ok' },
        { id: 'gemini-2.5-flash', label: 'gemini-2.5-flash', usedPercent: null, resetsAt: null, status: 'ok' },
      ],
    });
  });

  it('no buckets is a reading with no windows; a non-object is not a reading', () => {
    expect(decodeGeminiCliQuota({})).toEqual({ source: 'usage-endpoint', windows: [] });
    expect(decodeGeminiCliQuota([])).toBeUndefined();
    expect(decodeGeminiCliQuota('quota')).toBeUndefined();
  });
});
