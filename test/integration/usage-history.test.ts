import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRequestFinished } from '../../src-proxy/usage/test-request-finished.fixture';
import { USAGE_PAGE_CACHE_KIB, UsageStore, type UsageStoreOptions } from '../../src-proxy/usage/usage-store';

const hour = 3_600_000;
const day1 = new Date(2026, 0, 10).getTime();
const day2 = new Date(2026, 0, 11).getTime();
const at = (dayStart: number, hours: number, minutes: number) => dayStart + hours * hour + minutes * 60_000;
const hourOf = (time: number) => Math.floor(time / hour) * hour;
const everything = { from: 0, to: day2 + 2 * 86_400_000 };

/** Four requests over two local days: two accounts, two client keys, two providers, one failure. */
const events = [
  testRequestFinished({ id: 'r1', startedAt: at(day1, 10, 5), clientKey: 'key-11111111', latencyMs: 1000 }),
  testRequestFinished({
    id: 'r2', startedAt: at(day1, 10, 40), clientKey: 'key-22222222', provider: 'gemini-cli', credential: 'gemini-bob.json',
    accountLabel: 'bob@example.com', model: 'gemini-2.5-pro', upstreamModel: 'gemini-2.5-pro', latencyMs: 2000,
    tokens: { input: 200, output: 100, cached: 0, reasoning: 40, total: 300 },
  }),
  testRequestFinished({ id: 'r3', startedAt: at(day1, 11, 10), clientKey: 'key-11111111', status: 429, error: 'rate limited', tokens: null, latencyMs: 500 }),
  testRequestFinished({ id: 'r4', startedAt: at(day2, 9, 0), clientKey: 'key-22222222', latencyMs: 300, tokens: { input: 10, output: 5, cached: 0, reasoning: 0, total: 0 } }),
];

let directory = '';
let path = '';
const opened: UsageStore[] = [];
const open = (options: UsageStoreOptions = {}) => {
  const store = UsageStore.open(path, { now: () => day2 + 12 * hour, ...options });
  opened.push(store);
  return store;
};
const recordAll = (store: UsageStore) => {
  for (const event of events) store.record(event);
};

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cliproxy-usage-'));
  path = join(directory, 'usage.sqlite');
});
afterEach(async () => {
  for (const store of opened.splice(0)) store.close();
  await rm(directory, { recursive: true, force: true });
});

describe('UsageStore: recording and queries', () => {
  it('sums totals, with and without a filter', () => {
    const store = open();
    recordAll(store);
    expect(store.totals(everything)).toEqual({
      requests: 4, failures: 1, inputTokens: 310, outputTokens: 155, cachedTokens: 20, reasoningTokens: 50,
      // r4 reported total 0: it becomes input + output.
      totalTokens: 150 + 300 + 0 + 15, avgLatencyMs: (1000 + 2000 + 500 + 300) / 4,
    });
    expect(store.totals(everything, { provider: 'claude' })).toMatchObject({ requests: 3, failures: 1, inputTokens: 110 });
    expect(store.totals(everything, { clientKey: 'key-22222222', model: 'gemini-2.5-pro' })).toMatchObject({ requests: 1, totalTokens: 300 });
    expect(store.totals({ from: day2, to: day2 + 86_400_000 })).toMatchObject({ requests: 1, totalTokens: 15 });
    expect(store.totals({ from: 0, to: 1 })).toEqual({
      requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: 0, avgLatencyMs: null,
    });
  });

  it('builds hourly and daily series for every grouping', () => {
    const store = open();
    recordAll(store);
    const brief = (points: ReturnType<UsageStore['series']>) => points.map(({ t, key, label, requests, failures }) => ({ t, key, label, requests, failures }));
    expect(brief(store.series(everything, 'hour', 'none'))).toEqual([
      { t: hourOf(at(day1, 10, 0)), key: '', label: '', requests: 2, failures: 0 },
      { t: hourOf(at(day1, 11, 0)), key: '', label: '', requests: 1, failures: 1 },
      { t: hourOf(at(day2, 9, 0)), key: '', label: '', requests: 1, failures: 0 },
    ]);
    expect(brief(store.series(everything, 'day', 'model'))).toEqual([
      { t: day1, key: 'claude-sonnet-4-5', label: 'claude-sonnet-4-5', requests: 2, failures: 1 },
      { t: day1, key: 'gemini-2.5-pro', label: 'gemini-2.5-pro', requests: 1, failures: 0 },
      { t: day2, key: 'claude-sonnet-4-5', label: 'claude-sonnet-4-5', requests: 1, failures: 0 },
    ]);
    expect(brief(store.series(everything, 'day', 'account'))).toEqual([
      { t: day1, key: 'claude-ann@example.com.json', label: 'ann@example.com', requests: 2, failures: 1 },
      { t: day1, key: 'gemini-bob.json', label: 'bob@example.com', requests: 1, failures: 0 },
      { t: day2, key: 'claude-ann@example.com.json', label: 'ann@example.com', requests: 1, failures: 0 },
    ]);
    expect(brief(store.series(everything, 'day', 'clientKey'))).toEqual([
      { t: day1, key: 'key-11111111', label: 'key-11111111', requests: 2, failures: 1 },
      { t: day1, key: 'key-22222222', label: 'key-22222222', requests: 1, failures: 0 },
      { t: day2, key: 'key-22222222', label: 'key-22222222', requests: 1, failures: 0 },
    ]);
    const byProvider = store.series(everything, 'hour', 'provider');
    expect(brief(byProvider)).toEqual([
      { t: hourOf(at(day1, 10, 0)), key: 'claude', label: 'claude', requests: 1, failures: 0 },
      { t: hourOf(at(day1, 10, 0)), key: 'gemini-cli', label: 'gemini-cli', requests: 1, failures: 0 },
      { t: hourOf(at(day1, 11, 0)), key: 'claude', label: 'claude', requests: 1, failures: 1 },
      { t: hourOf(at(day2, 9, 0)), key: 'claude', label: 'claude', requests: 1, failures: 0 },
    ]);
    expect(byProvider[1]).toMatchObject({ inputTokens: 200, outputTokens: 100, reasoningTokens: 40, totalTokens: 300, avgLatencyMs: 2000 });
  });

  it('breaks a range down by group, most requests first', () => {
    const store = open();
    recordAll(store);
    expect(store.breakdown(everything, 'model').map(({ key, requests, totalTokens }) => ({ key, requests, totalTokens }))).toEqual([
      { key: 'claude-sonnet-4-5', requests: 3, totalTokens: 165 },
      { key: 'gemini-2.5-pro', requests: 1, totalTokens: 300 },
    ]);
    expect(store.breakdown(everything, 'account', { provider: 'gemini-cli' })).toEqual([
      {
        key: 'gemini-bob.json', label: 'bob@example.com', requests: 1, failures: 0, inputTokens: 200, outputTokens: 100, cachedTokens: 0,
        reasoningTokens: 40, totalTokens: 300, avgLatencyMs: 2000,
      },
    ]);
  });

  it('lists raw rows newest first, with every field', () => {
    const store = open();
    recordAll(store);
    expect(store.recent(2).map((row) => row.id)).toEqual(['r4', 'r3']);
    expect(store.recent(10, { model: 'gemini-2.5-pro' }).map((row) => row.id)).toEqual(['r2']);
    expect(store.recent(10, { clientKey: 'key-11111111' })[0]).toEqual({
      id: 'r3', at: at(day1, 11, 10), clientKey: 'key-11111111', clientProtocol: 'openai-chat', route: '/v1/chat/completions',
      provider: 'claude', credential: 'claude-ann@example.com.json', account: 'ann@example.com', model: 'sonnet',
      upstreamModel: 'claude-sonnet-4-5', stream: true, status: 429, latencyMs: 500, ttfbMs: 300, attempts: 1, inputTokens: 0,
      outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: 0, failed: true, error: 'rate limited',
    });
  });

  it('orders requests of the same millisecond by arrival in the store, not by request id', () => {
    const store = open();
    const time = at(day1, 8, 0);
    for (const id of ['req-b', 'req-c', 'req-a']) store.record(testRequestFinished({ id, startedAt: time }));
    expect(store.recent(3).map((row) => row.id)).toEqual(['req-a', 'req-c', 'req-b']);
    expect(store.rowsIn({ from: time, to: time + 1 }).map((row) => row.id)).toEqual(['req-b', 'req-c', 'req-a']);
  });

  it('writes recorded requests on its own within the flush interval, in WAL mode', async () => {
    const store = open();
    recordAll(store);
    const reader = new BetterSqlite3(path, { readonly: true });
    try {
      expect(reader.prepare('SELECT COUNT(*) AS n FROM usage_requests').get()).toEqual({ n: 0 });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(reader.prepare('SELECT COUNT(*) AS n FROM usage_requests').get()).toEqual({ n: 4 });
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(reader.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      reader.close();
    }
  });
});

describe('UsageStore: durability', () => {
  it('keeps everything across close and reopen (an app restart)', () => {
    const first = open();
    recordAll(first);
    const before = { totals: first.totals(everything), recent: first.recent(10) };
    first.close();
    const second = open();
    expect({ totals: second.totals(everything), recent: second.recent(10) }).toEqual(before);
    second.record(testRequestFinished({ id: 'r5', startedAt: at(day2, 10, 0) }));
    expect(second.totals(everything).requests).toBe(5);
  });

  it('prunes raw rows past the retention on open, while the hourly aggregates keep the totals', () => {
    const first = open();
    recordAll(first);
    const totals = first.totals(everything);
    const series = first.series(everything, 'day', 'model');
    first.close();
    // Reopened 2 days after day2 12:00 with a 3-day retention: rows before day1 12:00 go, r4 stays.
    const later = open({ retentionDays: 3, now: () => day2 + 2 * 86_400_000 + 12 * hour });
    expect(later.recent(10).map((row) => row.id)).toEqual(['r4']);
    expect(later.totals(everything)).toEqual(totals);
    expect(later.series(everything, 'day', 'model')).toEqual(series);
  });

  it('prunes nothing younger than the retention', () => {
    const store = open({ retentionDays: 30 });
    recordAll(store);
    expect(store.pruneRawRows()).toBe(0);
    expect(store.recent(10)).toHaveLength(4);
  });
});

describe('UsageStore: usage-statistics-enabled', () => {
  it('drops records while disabled and keeps answering queries', () => {
    const store = open({ enabled: false });
    recordAll(store);
    expect(store.enabled).toBe(false);
    expect(store.totals(everything).requests).toBe(0);
    store.setEnabled(true);
    store.record(events[0]!);
    store.setEnabled(false);
    store.record(events[1]!);
    expect(store.totals(everything).requests).toBe(1);
    expect(store.recent(10).map((row) => row.id)).toEqual(['r1']);
  });

  it('ignores records after close', () => {
    const store = open();
    store.close();
    expect(() => store.record(events[0]!)).not.toThrow();
    const reopened = open();
    expect(reopened.totals(everything).requests).toBe(0);
  });
});

describe('UsageStore: memory', () => {
  it("holds SQLite's page cache to 2 MB on its connection, not better-sqlite3's 16 MB (the engine's RSS crept by it under traffic)", () => {
    const store = open();
    // The pragma is per connection, so it is read on the store's own (a private field).
    const { db } = store as unknown as { db: BetterSqlite3.Database };
    expect(db.pragma('cache_size', { simple: true })).toBe(USAGE_PAGE_CACHE_KIB);
    expect(USAGE_PAGE_CACHE_KIB).toBe(-2000);
    const unset = new BetterSqlite3(':memory:');
    expect(unset.pragma('cache_size', { simple: true })).toBe(-16000);
    unset.close();
  });
});
