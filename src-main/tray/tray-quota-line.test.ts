import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControlApi } from '../../src-shared/control-contract';
import type { AccountSummary } from '../../src-shared/control/account-types';
import type { ForecastedAccountQuota } from '../../src-shared/control/quota-forecast-types';
import { TrayQuotaLine, trayQuotaAfterRequestMs } from './tray-quota-line';

const account: AccountSummary = {
  id: 'claude-a.json', provider: 'claude', providerLabel: 'Claude', renewWith: 'claude', kind: 'oauth', label: 'a@b.com', email: 'a@b.com',
  status: 'active', statusMessage: null, coolingUntil: null, expiresAt: null, disabled: false, models: [],
};
const runsOut: ForecastedAccountQuota = {
  accountId: 'claude-a.json', updatedAt: 1, error: null, unknown: null,
  windows: [{ id: '5h', label: '5-hour', usedPercent: 70, resetsAt: 2000, status: 'ok' }],
  forecasts: [{ windowId: '5h', state: 'runs-out', runsOutAt: 1000, resetsAt: 2000, usedPercentNow: 72, percentPerHour: 20, reason: null }],
};

function fakeControl(quotas: ForecastedAccountQuota[]) {
  const calls: string[] = [];
  const control = {
    invoke: async (operation: string) => {
      calls.push(operation);
      return operation === 'quota.get' ? quotas : [account];
    },
  } as unknown as Pick<ControlApi, 'invoke'>;
  return { control, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TrayQuotaLine', () => {
  it('has no line until quota is read, then names the account, masked when the setting says so', async () => {
    const { control } = fakeControl([runsOut]);
    let mask = false;
    const onChange = vi.fn();
    const line = new TrayQuotaLine({ control, maskEmails: () => mask, onChange, formatTime: (ms) => `t${ms}` });
    expect(line.value()).toBeNull();
    await line.refresh();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(line.value()).toBe('Claude a@b.com: 5-hour limit at t1000');
    mask = true;
    expect(line.value()).toBe('Claude: 5-hour limit at t1000');
  });

  it('reads once for a burst of requests, 10 s after the last read at most', async () => {
    vi.useFakeTimers();
    const { control, calls } = fakeControl([runsOut]);
    const line = new TrayQuotaLine({ control, maskEmails: () => false, onChange: () => undefined });
    await line.refresh();
    for (let index = 0; index < 50; index++) line.requestFinished();
    await vi.advanceTimersByTimeAsync(trayQuotaAfterRequestMs - 100);
    expect(calls.filter((call) => call === 'quota.get')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.filter((call) => call === 'quota.get')).toHaveLength(2);
  });
});
