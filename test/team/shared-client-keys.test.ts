import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_CONFIG_KEYS } from '../../src-proxy/config/shared-config-keys';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, testClientKey, type TestEngine } from '../integration/start-test-engine';
import { askAt, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, client API keys shared by a team: a key added through one engine's management API is
 * accepted by every engine within a second, a key removed on one is refused by all within a second (times
 * printed), an engine joining with another list takes the team's, and the list is sealed in the database.
 */
const schema = 'team_keys';
const addedKey = 'sk-team-added-key-5a7c91';

const statusWith = (engine: TestEngine, key: string) => askAt(engine.baseUrl, 'm', key);

describe('client API keys shared through PostgreSQL', () => {
  let server: TestPostgres;
  let upstream: FakeOpenAIUpstream;
  let engines: TestEngine[] = [];
  const config = () => ({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
  beforeAll(async () => {
    server = await startTestPostgres();
    upstream = await startFakeOpenAIUpstream({ name: 'keys' });
    engines = await startTeamEngines(server.dsn, schema, 3, config());
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await upstream.close();
    await server.stop();
  });

  it('a key added on one engine is accepted by all within a second; removed on another, refused by all within a second', async () => {
    const [first, second, third] = engines as [TestEngine, TestEngine, TestEngine];
    for (const engine of engines) expect(await statusWith(engine, addedKey)).toBe(401);

    const add = await managementCall(first, '/api-keys', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ old: addedKey, new: addedKey }) });
    expect(add.status).toBe(200);
    expect(await statusWith(first, addedKey)).toBe(200);
    const addReach = await Promise.all([second, third].map((engine) => timeUntil(async () => (await statusWith(engine, addedKey)) === 200)));
    console.info(`[team] an added client key reached the other engines in ${addReach.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
    expect(Math.max(...addReach)).toBeLessThan(1_000);
    // Each engine keeps the team's list in its own config.yaml: its management API and editor show it.
    expect((await managementCall(third, '/api-keys')).body).toEqual({ 'api-keys': [testClientKey, addedKey] });

    expect((await managementCall(second, `/api-keys?value=${addedKey}`, { method: 'DELETE' })).status).toBe(200);
    const removeReach = await Promise.all([first, third].map((engine) => timeUntil(async () => (await statusWith(engine, addedKey)) === 401)));
    console.info(`[team] a removed client key was refused by the other engines in ${removeReach.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
    expect(Math.max(...removeReach)).toBeLessThan(1_000);
    for (const engine of engines) expect(await statusWith(engine, testClientKey)).toBe(200);
  });

  it('an engine joining with another list takes the team\'s; the list is sealed in the database', async () => {
    const [joined] = await startTeamEngines(server.dsn, schema, 1, { ...config(), 'api-keys': ['sk-only-on-the-joining-engine'] });
    engines.push(joined as TestEngine);
    expect(await statusWith(joined as TestEngine, testClientKey)).toBe(200);
    expect(await statusWith(joined as TestEngine, 'sk-only-on-the-joining-engine')).toBe(401);
    expect(await readFile((joined as TestEngine).configPath, 'utf8')).toContain(testClientKey);

    const client = new pg.Client(server.dsn);
    await client.connect();
    const rows = (await client.query<{ key: string; content: string }>(`SELECT key, content FROM ${schema}.shared_settings`)).rows;
    await client.end();
    // One row per shared key of config.yaml (the client keys are one of them), every one sealed.
    expect(rows.map((row) => row.key).sort()).toEqual([...SHARED_CONFIG_KEYS].sort());
    for (const row of rows) {
      expect(row.content).toMatch(/^v1\./);
      expect(row.content).not.toContain(testClientKey);
      expect(row.content).not.toContain(upstream.baseUrl);
    }
  });
});
