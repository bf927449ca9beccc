import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/control/account-types';
import type { EngineStatus } from '../../../src-shared/engine-status';
import { attentionReason } from './attention-reason';

const running: EngineStatus = { state: 'running', host: '127.0.0.1', port: 8317, baseUrl: null, error: null, accounts: 0, requestsServed: 0, teamStore: false };
const account = (status: AccountSummary['status']) => ({ id: status, status }) as AccountSummary;

describe('attentionReason', () => {
  it('a running proxy with nowhere to send requests needs attention, and says why', () => {
    expect(attentionReason(running, [])).toContain('No account yet');
    expect(attentionReason(running, [account('cooling'), account('disabled')])).toContain('No account can serve right now');
    expect(attentionReason(running, [account('active'), account('needs-relogin')])).toBe('One account needs a new login.');
    expect(attentionReason(running, [account('active'), account('needs-relogin'), account('needs-relogin')])).toBe('2 accounts need a new login.');
  });

  it('nothing to say while serving, stopped (the headline says so) or before the accounts are known', () => {
    expect(attentionReason(running, [account('active'), account('cooling')])).toBeNull();
    expect(attentionReason({ ...running, state: 'stopped' }, [])).toBeNull();
    expect(attentionReason(running, null)).toBeNull();
  });
});
