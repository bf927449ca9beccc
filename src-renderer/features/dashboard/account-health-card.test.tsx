/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { ForecastedAccountQuota } from '../../../src-shared/control/quota-forecast-types';
import { AccountHealthCard } from './account-health-card';

const quota: ForecastedAccountQuota = {
  accountId: 'claude-a.json', updatedAt: 1, error: null, unknown: null,
  windows: [{ id: '5h', label: '5-hour', usedPercent: 40, resetsAt: 5000, status: 'ok' }],
  forecasts: [{ windowId: '5h', state: 'runs-out', runsOutAt: 4000, resetsAt: 5000, usedPercentNow: 40, percentPerHour: 30, reason: null }],
};

describe('dashboard accounts card', () => {
  const account: AccountSummary = {
    id: 'claude-a.json', provider: 'claude', providerLabel: 'Claude', renewWith: 'claude', kind: 'oauth', label: 'a@b.com', email: 'a@b.com',
    status: 'active', statusMessage: null, coolingUntil: null, expiresAt: null, disabled: false, models: [],
  };

  it('leads with the forecast for the most constrained account, the tray\'s words', () => {
    const html = renderToStaticMarkup(<AccountHealthCard accounts={[account]} failure={null} quota={[quota]} />);
    expect(html).toMatch(/<p class="health-forecast health-forecast-pressed"><span class="health-forecast-label">Quota forecast:<\/span> Claude a@b\.com: 5-hour limit at [^<]+<\/p>/);
    expect(renderToStaticMarkup(<AccountHealthCard accounts={[account]} failure={null} quota={[]} />)).not.toContain('Quota forecast');
  });
});
