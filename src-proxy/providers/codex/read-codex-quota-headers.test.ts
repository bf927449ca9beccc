import { describe, expect, it } from 'vitest';
import { readCodexQuotaHeaders } from './read-codex-quota-headers';

const now = 1_790_000_000_000;

/** The x-codex-* headers of a ChatGPT Pro Codex response, as the backend sends them (booleans title-cased). */
const proHeaders = {
  'content-type': 'text/event-stream',
  'x-codex-plan-type': 'pro',
  'x-codex-active-limit': 'codex',
  'x-codex-primary-used-percent': '48',
  'x-codex-primary-window-minutes': '300',
  'x-codex-primary-reset-at': '1790014400',
  'x-codex-primary-reset-after-seconds': '14400',
  'x-codex-primary-over-secondary-limit-percent': '0',
  'x-codex-secondary-used-percent': '12.5',
  'x-codex-secondary-window-minutes': '10080',
  'x-codex-secondary-reset-after-seconds': '340314',
  'x-codex-credits-has-credits': 'False',
  'x-codex-credits-unlimited': 'False',
  'x-codex-credits-balance': '0',
};

describe('readCodexQuotaHeaders', () => {
  it('reads primary and secondary windows, plan and credits', () => {
    const reading = readCodexQuotaHeaders(proHeaders, now);
    expect(reading).toEqual({
      source: 'headers',
      plan: 'pro',
      credits: { hasCredits: false, unlimited: false, balance: '0' },
      windows: [
        { id: 'primary', label: '5-hour', usedPercent: 48, resetsAt: 1_790_014_400_000, status: 'ok' },
        // No reset-at: now + reset-after-seconds.
        { id: 'secondary', label: 'Weekly', usedPercent: 12.5, resetsAt: now + 340_314_000, status: 'ok' },
      ],
    });
  });

  it('a spent window is rejected, an 80 % one a warning; a 0-minute window (inactive tier) is left out', () => {
    const reading = readCodexQuotaHeaders(
      {
        'x-codex-primary-used-percent': '100',
        'x-codex-primary-window-minutes': '300',
        'x-codex-primary-reset-at': '2026-11-26T20:00:00Z',
        'x-codex-secondary-used-percent': '0',
        'x-codex-secondary-window-minutes': '0',
      },
      now,
    );
    expect(reading?.windows).toEqual([{ id: 'primary', label: '5-hour', usedPercent: 100, resetsAt: Date.parse('2026-11-26T20:00:00Z'), status: 'rejected' }]);
    expect(readCodexQuotaHeaders({ 'x-codex-secondary-used-percent': '80' }, now)?.windows).toEqual([
      { id: 'secondary', label: 'Secondary', usedPercent: 80, resetsAt: null, status: 'warning' },
    ]);
  });

  it('undefined when no used-percent header is there (other x-codex-* headers alone say nothing about quota)', () => {
    expect(readCodexQuotaHeaders({ 'x-codex-turn-state': 'abc', 'x-codex-plan-type': 'plus', 'content-type': 'text/event-stream' }, now)).toBeUndefined();
  });
});
