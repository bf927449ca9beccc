import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-shared/control/account-types';
import { describeAccountStatus } from './account-words';
import { formatClock } from './format';

const account: AccountSummary = {
  id: 'claude-a@example.com.json',
  provider: 'claude',
  providerLabel: 'Claude',
  renewWith: 'claude',
  kind: 'oauth',
  label: 'a@example.com',
  email: 'a@example.com',
  status: 'active',
  statusMessage: null,
  coolingUntil: null,
  expiresAt: null,
  disabled: false,
  models: [],
};

describe('describeAccountStatus', () => {
  it('says each status in a word or two with a status colour', () => {
    expect(describeAccountStatus(account)).toEqual({ label: 'Active', tone: 'ok', detail: null });
    const until = Date.now() + 600_000;
    expect(describeAccountStatus({ ...account, status: 'cooling', coolingUntil: until, statusMessage: 'rate limited' })).toEqual({
      label: `Cooling until ${formatClock(until)}`,
      tone: 'busy',
      detail: 'rate limited',
    });
    expect(describeAccountStatus({ ...account, status: 'needs-relogin' }).label).toBe('Needs re-login');
    expect(describeAccountStatus({ ...account, status: 'disabled' }).tone).toBe('neutral');
    expect(describeAccountStatus({ ...account, status: 'error' }).tone).toBe('error');
  });
});
