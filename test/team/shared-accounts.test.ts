import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import type { TestEngine } from '../integration/start-test-engine';
import { askThrough, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, live sharing: three engines on one schema; a login uploaded through one is served by all, a
 * disable on one is refused by all, each within a second (the times are printed for the figures).
 */
const accessToken = 'sk-ant-oat01-FIXTURE-TEAM-ACCESS-3e1f';
const refreshToken = 'sk-ant-ort01-FIXTURE-TEAM-REFRESH-8d2c';
const model = 'claude-sonnet-4-6';

type Entry = { name: string; disabled?: boolean };
const listed = async (engine: TestEngine): Promise<Entry[]> => ((await managementCall(engine, '/auth-files')).body as { files: Entry[] }).files;

describe('accounts shared through PostgreSQL', () => {
  let server: TestPostgres;
  let upstream: FakeAnthropicUpstream;
  let engines: TestEngine[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    upstream = await startFakeAnthropicUpstream({ name: 'team' });
    engines = await startTeamEngines(server.dsn, 'team_share', 3, { 'request-retry': 0 }, { oauthEndpoints: { claude: { apiBase: upstream.baseUrl } } });
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await upstream.close();
    await server.stop();
  });

  it('a login through one engine is served by all within a second; a disable on one is refused by all within a second', async () => {
    const [first, second, third] = engines as [TestEngine, TestEngine, TestEngine];
    for (const engine of engines) expect(await askThrough(engine, model)).not.toBe(200);

    const file = { type: 'claude', email: 'team@example.com', access_token: accessToken, refresh_token: refreshToken, expired: '2099-01-01T00:00:00Z' };
    const upload = await managementCall(first, '/auth-files?name=claude-team.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(file) });
    expect(upload).toEqual({ status: 200, body: { status: 'ok' } });
    const loginReach = await Promise.all([second, third].map((engine) => timeUntil(async () => (await askThrough(engine, model)) === 200)));
    expect(await askThrough(first, model)).toBe(200);
    console.info(`[team] login reached the other engines in ${loginReach.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
    expect(Math.max(...loginReach)).toBeLessThan(1_000);

    const disable = await managementCall(third, '/auth-files/status', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'claude-team.json', disabled: true }) });
    expect(disable).toMatchObject({ status: 200, body: { status: 'ok', disabled: true } });
    const disableReach = await Promise.all([first, second].map((engine) => timeUntil(async () => (await askThrough(engine, model)) !== 200)));
    console.info(`[team] disable reached the other engines in ${disableReach.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
    expect(Math.max(...disableReach)).toBeLessThan(1_000);
    for (const engine of engines) expect((await listed(engine)).find((entry) => entry.name === 'claude-team.json')?.disabled).toBe(true);
  });

  it('stores no token in the clear: the row holds only the sealed file', async () => {
    const client = new pg.Client(server.dsn);
    await client.connect();
    const rows = (await client.query<{ id: string; content: string; version: string }>('SELECT id, content, version FROM team_share.auth_records')).rows;
    await client.end();
    expect(rows.map((row) => row.id)).toEqual(['claude-team.json']);
    expect(rows[0]?.content).toMatch(/^v1\.[0-9a-f]{8}\./);
    for (const value of [accessToken, refreshToken, 'team@example.com']) expect(rows[0]?.content).not.toContain(value);
    expect(Number(rows[0]?.version)).toBeGreaterThanOrEqual(2);
  });

  it('a delete on one engine removes the account from all; the download route reads the database', async () => {
    const [first, second] = engines as [TestEngine, TestEngine, TestEngine];
    const download = await managementCall(second, '/auth-files/download?name=claude-team.json');
    expect(download.body).toMatchObject({ type: 'claude', access_token: accessToken, disabled: true });
    expect((await managementCall(first, '/auth-files?name=claude-team.json', { method: 'DELETE' })).status).toBe(200);
    for (const engine of engines) await timeUntil(async () => (await listed(engine)).length === 0);
  });

  it('a database outage: every engine keeps serving the accounts it holds, and hears of changes again once it returns', async () => {
    const [first, second, third] = engines as [TestEngine, TestEngine, TestEngine];
    const upload = (name: string) => managementCall(first, `/auth-files?name=${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'claude', email: name, access_token: accessToken, refresh_token: refreshToken, expired: '2099-01-01T00:00:00Z' }) });
    expect((await upload('claude-before.json')).status).toBe(200);
    for (const engine of [second, third]) await timeUntil(async () => (await askThrough(engine, model)) === 200);
    await server.pause();
    try {
      for (const engine of engines) expect(await askThrough(engine, model)).toBe(200);
    } finally {
      await server.start();
    }
    // The pool reconnects on the next query; the LISTEN connection within a second, then rereads.
    await timeUntil(async () => (await upload('claude-after.json')).status === 200);
    for (const engine of [second, third]) await timeUntil(async () => (await listed(engine)).some((entry) => entry.name === 'claude-after.json'), 5_000);
  });
});
