import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import type { TestEngine } from '../integration/start-test-engine';
import { askThrough, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, an engine that cannot reach PostgreSQL at start: with the local copy of the accounts it held,
 * it starts, serves them and says so on /healthz, then joins once the database answers (its usage rows
 * arrive, other engines' changes reach it); without a copy it refuses to start and says why.
 */
const schema = 'team_offline';
const model = 'claude-sonnet-4-6';
const accessToken = 'sk-ant-oat01-FIXTURE-OFFLINE-ACCESS';
const account = (email: string) => ({ type: 'claude', email, access_token: accessToken, refresh_token: 'sk-ant-ort01-FIXTURE-OFFLINE-REFRESH', expired: '2099-01-01T00:00:00Z' });
const upload = (engine: TestEngine, name: string) => managementCall(engine, `/auth-files?name=${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account(`${name}@example.com`)) });
const listed = async (engine: TestEngine) => ((await managementCall(engine, '/auth-files')).body as { files: Array<{ name: string }> }).files.map((file) => file.name);
const health = async (engine: TestEngine) => (await (await fetch(`${engine.origin}/healthz`)).json()) as { store: Record<string, unknown> };

describe('an engine starting without the database', () => {
  let server: TestPostgres;
  let upstream: FakeAnthropicUpstream;
  let folder: string;
  const engines: TestEngine[] = [];
  const start = async (options: { folder?: string } = {}) => {
    const [engine] = await startTeamEngines(server.dsn, schema, 1, { 'request-retry': 0 }, { oauthEndpoints: { claude: { apiBase: upstream.baseUrl } }, ...options });
    engines.push(engine as TestEngine);
    return engine as TestEngine;
  };
  beforeAll(async () => {
    server = await startTestPostgres();
    upstream = await startFakeAnthropicUpstream({ name: 'offline' });
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-team-offline-'));
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await upstream.close();
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the accounts of its local copy, reports it on /healthz, and joins when the database returns', async () => {
    const before = await start({ folder });
    expect((await upload(before, 'claude-held.json')).status).toBe(200);
    await timeUntil(async () => (await askThrough(before, model)) === 200);
    await timeUntil(async () => (await readFile(join(folder, 'team-accounts.cache'), 'utf8').catch(() => '')).includes('claude-held.json'));
    expect(await readFile(join(folder, 'team-accounts.cache'), 'utf8')).not.toContain(accessToken);
    engines.splice(engines.indexOf(before), 1);
    await before.close();

    await server.pause();
    let restarted: TestEngine;
    try {
      restarted = await start({ folder });
      expect((await health(restarted)).store).toEqual({ type: 'postgres', state: 'unreachable', schemaVersion: null, accounts: 'local-copy' });
      expect(await listed(restarted)).toEqual(['claude-held.json']);
      for (let index = 0; index < 3; index += 1) expect(await askThrough(restarted, model)).toBe(200);
      // No local copy: a clear refusal.
      await expect(start()).rejects.toThrow(/cannot be reached .* no local copy of the team's accounts/);
    } finally {
      await server.start();
    }
    const joined = await timeUntil(async () => (await health(restarted)).store.state === 'ready', 10_000);
    expect((await health(restarted)).store).toEqual({ type: 'postgres', state: 'ready', schemaVersion: expect.any(Number) });
    console.info(`[team] started without the database: joined ${joined.toFixed(0)} ms after it returned`);

    // Joined: another engine's change reaches it, and what it served offline is in the team's history.
    const other = await start();
    expect((await upload(other, 'claude-later.json')).status).toBe(200);
    await timeUntil(async () => (await listed(restarted)).includes('claude-later.json'), 3_000);
    const client = new pg.Client(server.dsn);
    await client.connect();
    try {
      await timeUntil(async () => Number((await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${schema}.usage_requests WHERE credential IS NOT NULL`)).rows[0]?.count) >= 4, 5_000);
    } finally {
      await client.end();
    }
  }, 60_000);
});
