import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import type { TestEngine } from '../integration/start-test-engine';
import { askThrough, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, one refresh per token cluster-wide: an expired Claude login shared by three engines, 50
 * concurrent requests spread over them. The fake provider rotates refresh tokens and answers a second use
 * of one with invalid_grant, so a second refresh anywhere would also kill the account.
 */
describe('a refresh storm across three engines', () => {
  let server: TestPostgres;
  let oauth: FakeOAuthServer;
  let upstream: FakeAnthropicUpstream;
  let engines: TestEngine[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    oauth = await startFakeOAuthServer();
    oauth.setExpiresIn(24 * 3600);
    // The refresh takes a while, so every engine's requests pile up behind it.
    oauth.setRefreshDelay(300);
    upstream = await startFakeAnthropicUpstream({ name: 'storm' });
    const endpoints = { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, authorizeUrl: oauth.authorizeUrl, apiBase: upstream.baseUrl } };
    engines = await startTeamEngines(server.dsn, 'team_storm', 3, { 'request-retry': 0 }, { oauthEndpoints: endpoints });
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await Promise.all([upstream.close(), oauth.close()]);
    await server.stop();
  });

  it('performs exactly one refresh and serves all 50 requests', async () => {
    const expired = {
      type: 'claude',
      email: 'storm@example.com',
      access_token: 'sk-ant-oat01-FIXTURE-EXPIRED-0001',
      refresh_token: oauth.issueRefreshToken(),
      expired: formatAuthTime(Date.now() - 60_000),
      account_uuid: 'acc-storm',
    };
    const [first] = engines as [TestEngine];
    // Counted from the upload: each engine's scheduler (every 5 s) may also find the account due before
    // the requests do, and those refreshes must be the same one as well.
    const before = oauth.refreshCount();
    expect((await managementCall(first, '/auth-files?name=claude-storm.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(expired) })).status).toBe(200);
    for (const engine of engines) await timeUntil(async () => ((await managementCall(engine, '/auth-files')).body as { files: unknown[] }).files.length === 1);

    const statuses = await Promise.all(Array.from({ length: 50 }, (_, index) => askThrough(engines[index % 3] as TestEngine, 'claude-sonnet-4-6')));
    const refreshes = oauth.refreshCount() - before;
    console.info(`[team] refresh storm: ${refreshes} refresh call(s) for 50 requests over 3 engines; statuses ${JSON.stringify(countBy(statuses))}`);
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 200));
    expect(refreshes).toBe(1);
  });
});

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
