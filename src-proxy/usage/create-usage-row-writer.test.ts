import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createUsageRowWriter, hourMs } from './create-usage-row-writer';
import { migrateUsageDatabase } from './migrate-usage-database';
import type { UsageRequestRow } from './usage-types';

function row(id: string, at: number, model: string, inputTokens: number): UsageRequestRow {
  return {
    id, at, route: '/v1/messages', clientProtocol: 'anthropic-messages', clientKey: 'key-1', provider: 'claude', account: 'acc', credential: 'cred-1',
    model, upstreamModel: null, stream: false, status: 200, latencyMs: 10, ttfbMs: null, attempts: 1,
    inputTokens, outputTokens: 1, cachedTokens: 0, reasoningTokens: 0, totalTokens: inputTokens + 1, failed: false, error: null,
  };
}

describe('createUsageRowWriter', () => {
  it('sums a batch per hour and model whether rows of a group follow one another or are interleaved', () => {
    const db = new Database(':memory:');
    migrateUsageDatabase(db);
    const write = createUsageRowWriter(db);
    const hour = 100 * hourMs;
    write([row('1', hour, 'a', 1), row('2', hour + 5, 'a', 2), row('3', hour, 'b', 4), row('4', hour + 9, 'a', 8), row('5', hour + hourMs, 'a', 16)]);
    const sums = db.prepare('SELECT hour, model, requests, input_tokens AS input FROM usage_hourly ORDER BY hour, model').all();
    expect(sums).toEqual([
      { hour, model: 'a', requests: 3, input: 11 },
      { hour, model: 'b', requests: 1, input: 4 },
      { hour: hour + hourMs, model: 'a', requests: 1, input: 16 },
    ]);
    db.close();
  });
});
