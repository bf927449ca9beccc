import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { testClientKey, type TestEngine } from '../integration/start-test-engine';
import { startRoundRobinBalancer, type RoundRobinBalancer } from './round-robin-balancer.fixture';
import { askAt, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18's first test as a team runs it: three engines behind a round-robin load balancer. A Claude login
 * made through one engine's management routes (against the fake OAuth server) is served by all of them
 * through the balancer; a disable on one is refused by all within a second; the team's usage totals in
 * the database, and through any engine's management API with scope=team, equal the requests sent.
 */
const model = 'claude-sonnet-4-6';

async function usageTotals(dsn: string): Promise<Array<{ client_key: string; credential: string; count: number }>> {
  const client = new pg.Client(dsn);
  await client.connect();
  try {
    const rows = (await client.query<{ client_key: string; credential: string; count: string }>('SELECT client_key, credential, count(*) AS count FROM team_balanced.usage_requests GROUP BY client_key, credential')).rows;
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  } finally {
    await client.end();
  }
}

describe('three engines behind a round-robin balancer', () => {
  let server: TestPostgres;
  let oauth: FakeOAuthServer;
  let upstream: FakeAnthropicUpstream;
  let engines: TestEngine[] = [];
  let balancer: RoundRobinBalancer;
  beforeAll(async () => {
    server = await startTestPostgres();
    oauth = await startFakeOAuthServer();
    upstream = await startFakeAnthropicUpstream({ name: 'balanced' });
    const claude = { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, apiBase: upstream.baseUrl };
    engines = await startTeamEngines(server.dsn, 'team_balanced', 3, { 'request-retry': 0 }, { loginCallbackPort: 0, oauthEndpoints: { claude } });
    balancer = await startRoundRobinBalancer(engines.map((engine) => engine.origin));
  });
  afterAll(async () => {
    await balancer.close();
    await Promise.all(engines.map((engine) => engine.close()));
    await Promise.all([upstream.close(), oauth.close()]);
    await server.stop();
  });

  it('a login through one engine is served by all through the balancer; a disable on one is refused by all within a second; the usage totals equal the requests sent', async () => {
    const [first, second, third] = engines as [TestEngine, TestEngine, TestEngine];
    // Every request of this test goes through the balancer and is counted, whatever its answer.
    const sent = { all: 0, served: 0 };
    const ask = async () => {
      const status = await askAt(`${balancer.origin}/v1`, model);
      sent.all += 1;
      if (status === 200) sent.served += 1;
      return status;
    };
    for (let index = 0; index < 3; index += 1) expect(await ask()).not.toBe(200);

    // The login session lives on the engine that started it: the browser's callback and the status poll go to that engine.
    const started = (await managementCall(first, '/anthropic-auth-url')).body as { url: string; state: string };
    await fetch(oauth.approve(started.url, { email: 'balanced@example.com' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await timeUntil(async () => ((await managementCall(first, `/get-auth-status?state=${started.state}`)).body as { status: string }).status === 'ok');
    const before = balancer.handedOut();
    // Three at once through the balancer reach the three engines once each (it hands out in arrival order).
    const threeAtOnce = () => Promise.all([ask(), ask(), ask()]);
    const loginReach = await timeUntil(async () => (await threeAtOnce()).every((status) => status === 200));
    console.info(`[team] balancer: the login was served by all three engines ${loginReach.toFixed(0)} ms after it completed`);
    expect(loginReach).toBeLessThan(1_000);

    const served = 30;
    const statuses = await Promise.all(Array.from({ length: served }, () => ask()));
    expect(statuses).toEqual(Array.from({ length: served }, () => 200));
    const handed = balancer.handedOut().map((count, index) => count - (before[index] ?? 0));
    expect(handed.every((count) => count >= served / 3)).toBe(true);

    const names = ((await managementCall(third, '/auth-files')).body as { files: Array<{ name: string }> }).files.map((file) => file.name);
    expect(names).toHaveLength(1);
    const disable = await managementCall(third, '/auth-files/status', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: names[0], disabled: true }) });
    expect(disable).toMatchObject({ status: 200, body: { disabled: true } });
    const disableReach = await timeUntil(async () => (await threeAtOnce()).every((status) => status !== 200));
    console.info(`[team] balancer: the disable was refused by all three engines ${disableReach.toFixed(0)} ms after it was made`);
    expect(disableReach).toBeLessThan(1_000);

    // Every request is one row in the team's history (refused ones without an account), under the client key.
    const took = await timeUntil(async () => (await usageTotals(server.dsn)).reduce((sum, row) => sum + row.count, 0) >= sent.all, 5_000);
    const totals = await usageTotals(server.dsn);
    console.info(`[team] balancer: ${sent.all} requests sent (${sent.served} served), usage rows in PostgreSQL ${JSON.stringify(totals.map((row) => row.count))}, all there ${took.toFixed(0)} ms after the last`);
    expect(upstream.requests.length).toBe(sent.served);
    const clientKey = totals[0]?.client_key;
    // A label of the key, never the key itself.
    expect(clientKey).toMatch(/^key-/);
    expect(clientKey).not.toContain(testClientKey);
    expect(totals.sort((a, b) => b.count - a.count)).toEqual([
      { client_key: clientKey, credential: expect.stringContaining('balanced@example.com'), count: sent.served },
      { client_key: clientKey, credential: null, count: sent.all - sent.served },
    ]);

    // The same team totals through any engine's management API (scope=team), by client key, account and instance; the default scope stays the engine's own.
    const range = `from=${Date.now() - 3_600_000}&to=${Date.now() + 3_600_000}`;
    const teamTotals = (await managementCall(third, `/usage/totals?${range}&scope=team`)).body as { requests: number; failures: number };
    expect(teamTotals).toMatchObject({ requests: sent.all, failures: sent.all - sent.served });
    const byInstance = (await managementCall(first, `/usage/breakdown?${range}&scope=team&group=instance`)).body as Array<{ key: string; requests: number }>;
    expect(byInstance).toHaveLength(3);
    expect(byInstance.reduce((sum, row) => sum + row.requests, 0)).toBe(sent.all);
    const byAccount = (await managementCall(first, `/usage/breakdown?${range}&scope=team&group=account`)).body as Array<{ label: string; requests: number }>;
    expect(byAccount.map((row) => row.requests)).toEqual([sent.served, sent.all - sent.served]);
    expect(byAccount[0]?.label).toContain('balanced@example.com');
    expect((await managementCall(first, `/usage/breakdown?${range}&scope=team&group=clientKey`)).body).toMatchObject([{ key: clientKey, requests: sent.all }]);
    for (const bucket of ['hour', 'day']) {
      const points = (await managementCall(second, `/usage/series?${range}&scope=team&bucket=${bucket}&group=instance`)).body as Array<{ key: string; requests: number }>;
      expect(new Set(points.map((point) => point.key)).size).toBe(3);
      expect(points.reduce((sum, point) => sum + point.requests, 0)).toBe(sent.all);
    }
    const snapshot = (await managementCall(first, '/usage?scope=team')).body as { usage: { total_requests: number } };
    expect(snapshot.usage.total_requests).toBe(sent.all);
    const own = (await managementCall(first, `/usage/totals?${range}`)).body as { requests: number };
    expect(own.requests).toBe(byInstance.find((row) => row.requests === own.requests)?.requests);
    expect(own.requests).toBeLessThan(sent.all);
  });
});
