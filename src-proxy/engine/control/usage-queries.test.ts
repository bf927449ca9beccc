import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controlOperations } from '../../../src-shared/control-contract';
import type { UsageRow, UsageTotals } from '../../../src-shared/control/usage-types';
import type { TeamUsageReader } from '../../usage/team-usage-reader';
import { testRequestFinished } from '../../usage/test-request-finished.fixture';
import { UsageStore } from '../../usage/usage-store';
import { usageBreakdown, usageSeries, usageTotals } from './usage-queries';

const hour = 3_600_000;
const start = new Date(2026, 5, 15).getTime();
const range = { from: start, to: start + 24 * hour };
const teamTotals: UsageTotals = { requests: 7, failures: 1, inputTokens: 700, outputTokens: 350, cachedTokens: 0, reasoningTokens: 0, totalTokens: 1050, avgLatencyMs: 900 };
const instanceRow: UsageRow = { ...teamTotals, key: 'engine-b', label: 'engine-b' };

/** A stand-in for the team store's reader: answers fixed team figures and records what it was asked. */
function standInTeamUsage(): TeamUsageReader & { asked: unknown[][] } {
  const asked: unknown[][] = [];
  return {
    asked,
    rowsIn: async () => [],
    totals: async (...args) => (asked.push(['totals', ...args]), teamTotals),
    breakdown: async (...args) => (asked.push(['breakdown', ...args]), [instanceRow]),
    series: async (...args) => (asked.push(['series', ...args]), [{ ...instanceRow, t: start }]),
  };
}

let directory = '';
let usage: UsageStore;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cliproxy-usage-queries-'));
  usage = UsageStore.open(join(directory, 'usage.sqlite'), { now: () => start + hour });
  usage.record(testRequestFinished({ startedAt: start + 60_000 }));
});
afterEach(async () => {
  usage.close();
  await rm(directory, { recursive: true, force: true });
});

describe('control usage operations: scope', () => {
  it("answers from this engine's history without a scope or with scope 'engine', never asking the team", async () => {
    const team = standInTeamUsage();
    for (const scope of [undefined, 'engine'] as const) {
      expect(await usageTotals({ usage, teamUsage: team }, { ...range, scope })).toMatchObject({ requests: 1, totalTokens: 150 });
      expect(await usageBreakdown({ usage, teamUsage: team }, { ...range, groupBy: 'account', scope })).toEqual([expect.objectContaining({ key: 'claude-ann@example.com.json', requests: 1 })]);
    }
    expect(team.asked).toEqual([]);
  });

  it("answers scope 'team' from the team reader the management routes use, by instance too", async () => {
    const team = standInTeamUsage();
    const sources = { usage, teamUsage: team };
    expect(await usageTotals(sources, { ...range, scope: 'team' })).toEqual(teamTotals);
    expect(await usageBreakdown(sources, { ...range, groupBy: 'instance', scope: 'team' })).toEqual([instanceRow]);
    expect(await usageSeries(sources, { ...range, bucket: 'hour', groupBy: 'instance', scope: 'team' })).toEqual([{ ...instanceRow, t: start }]);
    expect(team.asked).toEqual([
      ['totals', range, {}],
      ['breakdown', range, 'instance', {}],
      ['series', range, 'hour', 'instance', {}],
    ]);
  });

  it("refuses scope 'team' without the team store, and 'instance' outside it, in words", async () => {
    const sources = { usage, teamUsage: undefined };
    await expect(usageTotals(sources, { ...range, scope: 'team' })).rejects.toThrow("The team's usage needs the team store (store: postgres)");
    await expect(usageBreakdown(sources, { ...range, groupBy: 'model', scope: 'team' })).rejects.toThrow('needs the team store');
    await expect(usageSeries(sources, { ...range, bucket: 'day', groupBy: 'instance' })).rejects.toThrow("groupBy 'instance' needs scope 'team'");
  });
});

describe('control contract: usage inputs', () => {
  it("takes an optional scope, and groupBy 'instance' only with scope 'team'", () => {
    expect(controlOperations['usage.totals'].safeParse({ ...range, scope: 'team' }).success).toBe(true);
    expect(controlOperations['usage.totals'].safeParse(range).success).toBe(true);
    expect(controlOperations['usage.totals'].safeParse({ ...range, scope: 'everyone' }).success).toBe(false);
    expect(controlOperations['usage.breakdown'].safeParse({ ...range, groupBy: 'instance', scope: 'team' }).success).toBe(true);
    const refused = controlOperations['usage.breakdown'].safeParse({ ...range, groupBy: 'instance' });
    expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ['groupBy'], message: "groupBy 'instance' needs scope 'team'" })]);
    expect(controlOperations['usage.series'].safeParse({ ...range, bucket: 'hour', groupBy: 'instance', scope: 'engine' }).success).toBe(false);
  });
});
