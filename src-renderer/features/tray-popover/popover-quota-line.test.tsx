import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { ForecastedAccountQuota } from '../../../src-shared/control/quota-forecast-types';
import { PopoverQuotaLine } from './popover-quota-line';

const account: AccountSummary = {
  id: 'claude-a.json', provider: 'claude', providerLabel: 'Claude', renewWith: 'claude', kind: 'oauth', label: 'a@b.com', email: 'a@b.com',
  status: 'active', statusMessage: null, coolingUntil: null, expiresAt: null, disabled: false, models: [],
};
const quota = (state: 'lasts' | 'exhausted'): ForecastedAccountQuota => ({
  accountId: account.id, updatedAt: 1, error: null, unknown: null,
  windows: [{ id: '5h', label: '5-hour', usedPercent: state === 'lasts' ? 10 : 100, resetsAt: null, status: state === 'lasts' ? 'ok' : 'rejected' }],
  forecasts: [{ windowId: '5h', state, runsOutAt: null, resetsAt: null, usedPercentNow: null, percentPerHour: null, reason: null }],
});

describe('PopoverQuotaLine', () => {
  it('shows the tray\'s quota words: the pressed account highlighted, "Quota fine" quiet, nothing when nothing is known', () => {
    expect(renderToStaticMarkup(<PopoverQuotaLine quotas={[quota('exhausted')]} accounts={[account]} />)).toContain('popover-quota popover-quota-pressed">Claude a@b.com: 5-hour limit used up</p>');
    expect(renderToStaticMarkup(<PopoverQuotaLine quotas={[quota('lasts')]} accounts={[account]} />)).toBe('<p class="popover-quota">Quota fine</p>');
    expect(renderToStaticMarkup(<PopoverQuotaLine quotas={[]} accounts={[account]} />)).toBe('');
  });
});
