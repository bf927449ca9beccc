import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import type { TestEngine } from '../integration/start-test-engine';
import { askThrough, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, shared cooldowns: a 429 one engine receives blocks the account on every engine within a
 * second (none of them sends it upstream meanwhile), an engine started later knows the running block, and
 * a reset-quota on one engine frees the account on all (the times are printed for the figures).
 */
const model = 'claude-sonnet-4-6';
const schema = 'team_cooldowns';
const account = { type: 'claude', email: 'cool@example.com', access_token: 'sk-ant-oat01-FIXTURE-COOL-ACCESS', refresh_token: 'sk-ant-ort01-FIXTURE-COOL-REFRESH', expired: '2099-01-01T00:00:00Z' };
type Entry = { name: string; auth_index: string; status_message: string };

describe('cooldowns shared through PostgreSQL', () => {
  let server: TestPostgres;
  let upstream: FakeAnthropicUpstream;
  let engines: TestEngine[] = [];
  const engineOptions = () => ({ oauthEndpoints: { claude: { apiBase: upstream.baseUrl } } });
  beforeAll(async () => {
    server = await startTestPostgres();
    upstream = await startFakeAnthropicUpstream({ name: 'cool' });
    engines = await startTeamEngines(server.dsn, schema, 3, { 'request-retry': 0 }, engineOptions());
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await upstream.close();
    await server.stop();
  });

  it('a 429 on one engine is honoured by all within a second; a later engine loads it; a reset on one clears it on all', async () => {
    const [first, second, third] = engines as [TestEngine, TestEngine, TestEngine];
    expect((await managementCall(first, '/auth-files?name=claude-cool.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })).status).toBe(200);
    for (const engine of engines) await timeUntil(async () => (await askThrough(engine, model)) === 200);

    upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '600' } });
    expect(await askThrough(first, model)).toBe(429);
    const sentUpstream = upstream.requests.length;
    // A request an engine still sends upstream (it has not heard yet) is answered 200 by the fake.
    const reach = await Promise.all([second, third].map((engine) => timeUntil(async () => (await askThrough(engine, model)) !== 200)));
    console.info(`[team] a 429 cooldown reached the other engines in ${reach.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
    expect(Math.max(...reach)).toBeLessThan(1_000);
    const leaked = upstream.requests.length - sentUpstream;
    for (const engine of engines) expect(await askThrough(engine, model)).toBe(429);
    expect(upstream.requests.length - sentUpstream).toBe(leaked);

    const late = (await startTeamEngines(server.dsn, schema, 1, { 'request-retry': 0 }, engineOptions()))[0] as TestEngine;
    engines.push(late);
    await timeUntil(async () => ((await managementCall(late, '/auth-files')).body as { files: Entry[] }).files.length === 1);
    expect(await askThrough(late, model)).toBe(429);
    expect(upstream.requests.length - sentUpstream).toBe(leaked);

    const [entry] = ((await managementCall(second, '/auth-files')).body as { files: Entry[] }).files;
    expect(entry?.status_message).toMatch(/^cooling down until /);
    expect((await managementCall(second, '/reset-quota', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth_index: entry?.auth_index }) })).status).toBe(200);
    const freed = await Promise.all([first, third, late].map((engine) => timeUntil(async () => (await askThrough(engine, model)) === 200)));
    console.info(`[team] a reset-quota reached the other engines in ${freed.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
    expect(Math.max(...freed)).toBeLessThan(1_000);
  });
});
