import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testCredential } from '../routing/test-credential.fixture';
import { testRequestFinished } from '../usage/test-request-finished.fixture';
import { UsageStore } from '../usage/usage-store';
import { QuotaService } from './quota-service';

const minute = 60_000;
const hour = 60 * minute;
const now = Date.parse('2026-12-07T12:00:00Z');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openStore(): UsageStore {
  const folder = mkdtempSync(join(tmpdir(), 'quota-forecast-'));
  folders.push(folder);
  return UsageStore.open(join(folder, 'usage.db'), { flushIntervalMs: 60_000, now: () => now });
}

const account = testCredential({ id: 'auth:claude-a.json', provider: 'claude', label: 'claude a@example.com', apiKey: '' });
const headers = (percent: number, resetsAt: number) => ({ 'anthropic-ratelimit-unified-5h-utilization': String(percent / 100), 'anthropic-ratelimit-unified-5h-reset': String(resetsAt / 1000), 'anthropic-ratelimit-unified-5h-status': 'allowed' });

describe('QuotaService forecasts from the usage history', () => {
  it('40 % after 40,000 tokens in the window, 30,000 of them in the last hour: the 5-hour limit is reached 2 h from now, before its reset', () => {
    const store = openStore();
    // 2.5 h into the window: 10,000 tokens 2 h ago, 30,000 over the last hour; another account's tokens do not count.
    store.record(testRequestFinished({ startedAt: now - 2 * hour, credential: account.id, tokens: { input: 10_000, output: 0, cached: 0, reasoning: 0, total: 10_000 } }));
    for (const ago of [50, 30, 10]) store.record(testRequestFinished({ startedAt: now - ago * minute, credential: account.id, tokens: { input: 10_000, output: 0, cached: 0, reasoning: 0, total: 10_000 } }));
    store.record(testRequestFinished({ startedAt: now - 20 * minute, credential: 'auth:someone-else.json', tokens: { input: 99_999, output: 0, cached: 0, reasoning: 0, total: 99_999 } }));
    const quota = new QuotaService({ credentials: () => [account], dispatcherFor: () => { throw new Error('no endpoint asked'); }, tokensUsed: (id, range) => store.tokensOf(id, range), now: () => now });
    quota.observeResponse(account, 200, headers(40, now + 2.5 * hour), now);
    // The burn chart: the window's use from its start (2.5 h ago) to now in 12 steps of 12.5 min, at 0.001 % per token.
    const burn = [0, 0, 0, 10, 10, 10, 10, 10, 10, 20, 30, 30, 40].map((usedPercent, step) => ({ at: now - 2.5 * hour + step * 12.5 * minute, usedPercent }));
    expect(quota.get(account.id)?.forecasts).toEqual([
      { windowId: '5h', state: 'runs-out', runsOutAt: now + 2 * hour, resetsAt: now + 2.5 * hour, usedPercentNow: 40, percentPerHour: 30, reason: null, burn },
    ]);
    // Routing's picks work the forecasts out without the chart's extra sums.
    expect(quota.headroomOf(account.id)).toBeDefined();
    store.close();
    // A closed history is no history: the forecast says so, the quota answer still comes.
    expect(quota.get(account.id)?.forecasts[0]).toMatchObject({ state: 'unknown', reason: expect.stringMatching(/no usage history/) });
  });

  it('without a usage history every window says so; without a reading there is nothing to forecast', () => {
    const quota = new QuotaService({ credentials: () => [account], dispatcherFor: () => { throw new Error('no endpoint asked'); }, now: () => now });
    expect(quota.get(account.id)?.forecasts).toEqual([]);
    quota.observeResponse(account, 200, headers(10, now + hour), now);
    expect(quota.get(account.id)?.forecasts.map((forecast) => forecast.state)).toEqual(['unknown']);
  });
});
