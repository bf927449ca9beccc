import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRequestFinished } from '../usage/test-request-finished.fixture';
import { UsageStore } from '../usage/usage-store';
import { registerUsageRoutes } from './usage-routes';

const hour = 3_600_000;
const today = new Date(2026, 5, 15).getTime();
const now = today + 12 * hour;
let directory = '';
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cliproxy-usage-routes-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(directory, { recursive: true, force: true });
});

async function serve(name: string): Promise<{ app: FastifyInstance; store: UsageStore }> {
  const store = UsageStore.open(join(directory, `${name}.sqlite`), { now: () => now });
  const app = Fastify();
  registerUsageRoutes(app, store, () => now);
  await app.ready();
  cleanups.push(() => store.close(), () => app.close());
  return { app, store };
}

const get = async (app: FastifyInstance, url: string) => {
  const response = await app.inject({ method: 'GET', url: `/v0/management${url}` });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
};
const postImport = async (app: FastifyInstance, payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
  const response = await app.inject({ method: 'POST', url: '/v0/management/usage/import', payload, headers });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
};

function recordSample(store: UsageStore): void {
  store.record(testRequestFinished({ id: 'a', startedAt: today + 9 * hour, latencyMs: 800 }));
  store.record(testRequestFinished({
    id: 'b', startedAt: today + 10 * hour, clientKey: null, route: '/v1/messages', status: 502, error: 'upstream failed', tokens: null, latencyMs: 50,
  }));
  store.record(testRequestFinished({ id: 'c', startedAt: today - 1 * 86_400_000 + 23 * hour, model: 'gpt-5', upstreamModel: null }));
  // Older than the snapshot's 7 local days: in the export and the aggregates, not in GET /usage.
  store.record(testRequestFinished({ id: 'old', startedAt: today - 9 * 86_400_000 }));
}

const localDay = (time: number) => {
  const date = new Date(time);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};
const localHour = (time: number) => String(new Date(time).getHours()).padStart(2, '0');
const tokens = (input: number, output: number, reasoning: number, cached: number, total: number) => ({
  input_tokens: input, output_tokens: output, reasoning_tokens: reasoning, cached_tokens: cached, total_tokens: total,
});

describe('GET /usage: CLIProxyAPI snapshot', () => {
  it('answers in CPA shape, keyed by client key label or "POST <route>", over the last 7 local days', async () => {
    const { app, store } = await serve('snapshot');
    recordSample(store);
    const sampleTokens = tokens(100, 50, 10, 20, 150);
    const detail = (time: number, latency: number, failed: boolean, detailTokens = sampleTokens) => ({
      timestamp: new Date(time).toISOString(), latency_ms: latency, source: 'ann@example.com', auth_index: 'claude-ann@example.com.json',
      tokens: detailTokens, failed,
    });
    const [a, b, c] = [today + 9 * hour, today + 10 * hour, today - 86_400_000 + 23 * hour];
    const { status, body } = await get(app, '/usage');
    expect(status).toBe(200);
    expect(body).toEqual({
      usage: {
        total_requests: 3, success_count: 2, failure_count: 1, total_tokens: 300,
        apis: {
          'key-1a2b3c4d': {
            total_requests: 2, total_tokens: 300,
            models: {
              'gpt-5': { total_requests: 1, total_tokens: 150, details: [detail(c, 1200, false)] },
              'claude-sonnet-4-5': { total_requests: 1, total_tokens: 150, details: [detail(a, 800, false)] },
            },
          },
          'POST /v1/messages': {
            total_requests: 1, total_tokens: 0,
            models: { 'claude-sonnet-4-5': { total_requests: 1, total_tokens: 0, details: [detail(b, 50, true, tokens(0, 0, 0, 0, 0))] } },
          },
        },
        requests_by_day: { [localDay(c)]: 1, [localDay(a)]: 2 },
        requests_by_hour: { [localHour(c)]: 1, [localHour(a)]: 1, [localHour(b)]: 1 },
        tokens_by_day: { [localDay(c)]: 150, [localDay(a)]: 150 },
        tokens_by_hour: { [localHour(c)]: 150, [localHour(a)]: 150, [localHour(b)]: 0 },
      },
      failed_requests: 1,
    });
  });

  it('is all zeros and empty maps for an empty store', async () => {
    const { app } = await serve('empty');
    expect((await get(app, '/usage')).body).toEqual({
      usage: {
        total_requests: 0, success_count: 0, failure_count: 0, total_tokens: 0, apis: {},
        requests_by_day: {}, requests_by_hour: {}, tokens_by_day: {}, tokens_by_hour: {},
      },
      failed_requests: 0,
    });
  });
});

describe('usage export and import', () => {
  it('exports every raw row; importing into an empty store reproduces the snapshot; importing again skips all', async () => {
    const source = await serve('source');
    recordSample(source.store);
    const exported = await get(source.app, '/usage/export');
    expect(exported.body).toMatchObject({ version: 1, exported_at: new Date(now).toISOString(), usage: { total_requests: 4, failure_count: 1 } });

    const target = await serve('target');
    expect(await postImport(target.app, JSON.stringify(exported.body))).toEqual({
      status: 200, body: { added: 4, skipped: 0, total_requests: 4, failed_requests: 1 },
    });
    expect((await get(target.app, '/usage')).body).toEqual((await get(source.app, '/usage')).body);
    expect((await get(target.app, '/usage/export')).body).toEqual(exported.body);
    expect(await postImport(target.app, JSON.stringify(exported.body))).toEqual({
      status: 200, body: { added: 0, skipped: 4, total_requests: 4, failed_requests: 1 },
    });
    // Importing an export into the store it came from adds nothing either.
    expect((await postImport(source.app, JSON.stringify(exported.body))).body).toMatchObject({ added: 0, skipped: 4 });
  });

  it('imports a CPA export: version 0, numeric auth_index, nanosecond times; never stores a raw client key', async () => {
    const { app } = await serve('cpa');
    const secretKey = 'sk-cpa-client-secret-0123456789';
    const body = {
      version: 0,
      usage: {
        apis: {
          [secretKey]: {
            models: {
              'gemini-2.5-pro': {
                details: [
                  { timestamp: '2026-06-14T10:00:00.123456789+02:00', latency_ms: -5, source: 'bob@example.com', auth_index: 7, tokens: tokens(10, 5, 0, 0, 15), failed: false },
                  { timestamp: '2026-06-14T10:00:00.123456789+02:00', latency_ms: -5, source: 'bob@example.com', auth_index: 7, tokens: tokens(10, 5, 0, 0, 15), failed: false },
                  { timestamp: '0001-01-01T00:00:00Z', source: 'bob@example.com', failed: true },
                ],
              },
            },
          },
          'POST /v1/chat/completions': { models: { unknown: { details: [{ timestamp: '2026-06-14T09:00:00Z', tokens: tokens(1, 1, 0, 0, 2) }] } } },
        },
      },
    };
    expect(await postImport(app, JSON.stringify(body))).toEqual({ status: 200, body: { added: 3, skipped: 1, total_requests: 3, failed_requests: 1 } });
    const snapshot = await get(app, '/usage');
    expect(JSON.stringify(snapshot.body)).not.toContain(secretKey);
    const usage = snapshot.body.usage as { apis: Record<string, { models: Record<string, { details: { timestamp: string; latency_ms: number; auth_index: string }[] }> }> };
    const labelled = Object.keys(usage.apis).find((api) => /^key-[0-9a-f]{8}$/.test(api));
    expect(labelled).toBeDefined();
    expect(usage.apis[labelled!]!.models['gemini-2.5-pro']!.details).toEqual([
      expect.objectContaining({ timestamp: '2026-06-14T08:00:00.123Z', latency_ms: 0, auth_index: '7' }),
      // The zero time became "now".
      expect.objectContaining({ timestamp: new Date(now).toISOString(), auth_index: '' }),
    ]);
    expect(usage.apis['POST /v1/chat/completions']!.models.unknown!.details).toHaveLength(1);
  });

  it('answers bad bodies like CPA: 400 invalid json / unsupported version', async () => {
    const { app } = await serve('bad');
    expect(await postImport(app, '{not json')).toEqual({ status: 400, body: { error: 'invalid json' } });
    expect(await postImport(app, '{"version":1,"usage":"everything"}')).toEqual({ status: 400, body: { error: 'invalid json' } });
    expect(await postImport(app, '{"version":1,"usage":{"apis":{"k":{"models":{"m":{"details":[{"timestamp":"yesterday"}]}}}}}}')).toEqual({
      status: 400, body: { error: 'invalid json' },
    });
    expect(await postImport(app, '{"version":2,"usage":{}}')).toEqual({ status: 400, body: { error: 'unsupported version' } });
    // CPA reads the body whatever the content type says.
    expect(await postImport(app, '{"version":1,"usage":{}}', { 'content-type': 'text/plain' })).toEqual({
      status: 200, body: { added: 0, skipped: 0, total_requests: 0, failed_requests: 0 },
    });
  });
});

describe('usage routes for the desktop UI', () => {
  const range = `from=${today - 30 * 86_400_000}&to=${today + 86_400_000}`;

  it('answers totals, series, breakdown and recent from the store', async () => {
    const { app, store } = await serve('ui');
    recordSample(store);
    expect((await get(app, `/usage/totals?${range}`)).body).toMatchObject({ requests: 4, failures: 1, totalTokens: 450 });
    expect((await get(app, `/usage/totals?${range}&provider=gemini`)).body).toMatchObject({ requests: 0, avgLatencyMs: null });
    const series = await get(app, `/usage/series?${range}&bucket=day&group=model`);
    expect(series.status).toBe(200);
    expect((series.body as unknown as { t: number; key: string; requests: number }[]).map(({ t, key, requests }) => ({ t, key, requests }))).toEqual([
      { t: today - 9 * 86_400_000, key: 'claude-sonnet-4-5', requests: 1 },
      { t: today - 86_400_000, key: 'gpt-5', requests: 1 },
      { t: today, key: 'claude-sonnet-4-5', requests: 2 },
    ]);
    const breakdown = (await get(app, `/usage/breakdown?${range}&group=clientKey`)).body as unknown as { key: string; requests: number }[];
    expect(breakdown.map(({ key, requests }) => ({ key, requests }))).toEqual([{ key: 'key-1a2b3c4d', requests: 3 }, { key: '', requests: 1 }]);
    const recent = (await get(app, '/usage/recent?limit=2')).body as unknown as { id: string }[];
    expect(recent.map((row) => row.id)).toEqual(['b', 'a']);
    const filtered = (await get(app, '/usage/recent?model=gpt-5')).body as unknown as { id: string }[];
    expect(filtered.map((row) => row.id)).toEqual(['c']);
  });

  it.each([
    '/usage/totals',
    '/usage/totals?from=10',
    '/usage/totals?from=20&to=10',
    '/usage/totals?from=abc&to=10',
    '/usage/totals?from=-5&to=10',
    '/usage/series?from=0&to=10&bucket=week',
    '/usage/series?from=0&to=10&group=color',
    '/usage/breakdown?from=0&to=10&group=',
    '/usage/recent?limit=0',
    '/usage/recent?limit=5000',
    '/usage/recent?limit=ten',
  ])('answers 400 to %s', async (url) => {
    const { app } = await serve('invalid');
    const { status, body } = await get(app, url);
    expect(status).toBe(400);
    expect(body.error).toMatch(/^invalid query: /);
  });
});

describe('scope=team without the team store', () => {
  it('answers 400 saying it needs store: postgres, and refuses group=instance for the engine scope', async () => {
    const { app, store } = await serve('no-team');
    recordSample(store);
    const needsTeam = { error: 'scope=team needs the team store (store: postgres)' };
    expect(await get(app, '/usage?scope=team')).toEqual({ status: 400, body: needsTeam });
    expect(await get(app, `/usage/totals?from=0&to=${now}&scope=team`)).toEqual({ status: 400, body: needsTeam });
    expect(await get(app, `/usage/breakdown?from=0&to=${now}&group=account&scope=team`)).toEqual({ status: 400, body: needsTeam });
    expect(await get(app, `/usage/series?from=0&to=${now}&scope=team`)).toEqual({ status: 400, body: needsTeam });
    expect(await get(app, `/usage/breakdown?from=0&to=${now}&group=instance`)).toEqual({ status: 400, body: { error: 'invalid query: group: group=instance needs scope=team' } });
    expect(await get(app, `/usage/series?from=0&to=${now}&group=instance`)).toEqual({ status: 400, body: { error: 'invalid query: group: group=instance needs scope=team' } });
    expect((await get(app, '/usage?scope=everyone')).status).toBe(400);
    expect((await get(app, `/usage/totals?from=0&to=${now}&scope=engine`)).body).toMatchObject({ requests: 4 });
  });
});
