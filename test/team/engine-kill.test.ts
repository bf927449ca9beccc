import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { spawnCliproxy, waitForLine } from '../integration/spawn-cliproxy';
import { compatEntry, testClientKey, type TestEngine } from '../integration/start-test-engine';
import { askAt, askThrough, managementCall, startTeamEngines, teamManagementSecret, timeUntil, useTeamStoreKey } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, an engine killed with -9: a real `cliproxy serve` child on the team schema is killed while it
 * serves load and while it holds an account's refresh lock (its provider call still pending). Nothing is
 * corrupted: the account decrypts and is refreshed by another engine (the lock died with the connection),
 * the other engines keep serving, and the killed engine's usage rows are consistent: in PostgreSQL a
 * gap-free prefix of its local history, the rest sent when it starts again.
 */
const schema = 'team_kill';

async function query<T extends pg.QueryResultRow>(dsn: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(dsn);
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

type Answer = { status: number; at: number };

describe('an engine killed with -9 mid-load', () => {
  let server: TestPostgres;
  let oauth: FakeOAuthServer;
  let claude: FakeAnthropicUpstream;
  let openai: FakeOpenAIUpstream;
  let folder: string;
  let engines: TestEngine[] = [];
  const children: Array<ReturnType<typeof spawnCliproxy>> = [];
  beforeAll(async () => {
    useTeamStoreKey();
    server = await startTestPostgres();
    oauth = await startFakeOAuthServer();
    claude = await startFakeAnthropicUpstream({ name: 'kill' });
    openai = await startFakeOpenAIUpstream({ name: 'kill' });
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-team-kill-'));
  });
  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await Promise.all(engines.map((engine) => engine.close()));
    await Promise.all([oauth.close(), claude.close(), openai.close()]);
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const config = () => ({ store: { type: 'postgres', dsn: server.dsn, schema }, 'request-retry': 0, 'openai-compatibility': [compatEntry('up', openai.baseUrl, ['k'])] });
  const claudeEndpoints = () => ({ authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, apiBase: claude.baseUrl });

  /** `cliproxy serve` on the team schema in `folder`; resolves with its origin once it listens. */
  async function spawnEngine(): Promise<{ origin: string; run: ReturnType<typeof spawnCliproxy> }> {
    const configPath = join(folder, 'config.yaml');
    const document = { host: '127.0.0.1', 'api-keys': [testClientKey], 'auth-dir': join(folder, 'auths'), 'remote-management': { 'secret-key': teamManagementSecret }, ...config() };
    await writeFile(configPath, stringify(document), { mode: 0o600 });
    const endpoints = claudeEndpoints();
    const run = spawnCliproxy(['serve', '--config', configPath, '--host', '127.0.0.1', '--port', '0'], {
      HOME: folder,
      CLIPROXY_CLAUDE_AUTHORIZE_URL: endpoints.authorizeUrl,
      CLIPROXY_CLAUDE_TOKEN_URL: endpoints.tokenUrl,
      CLIPROXY_CLAUDE_PROFILE_URL: endpoints.profileUrl,
      CLIPROXY_CLAUDE_BASE_URL: endpoints.apiBase,
    });
    children.push(run);
    // Started from source: slow on a busy machine.
    const origin = await waitForLine(run.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    return { origin, run };
  }

  it('leaves no stuck lock, no corrupt account and consistent usage rows; the others keep serving', async () => {
    const killed = await spawnEngine();
    const killedEngine = { origin: killed.origin, baseUrl: `${killed.origin}/v1` } as TestEngine;
    // An expired login: the killed engine's request takes its refresh lock and calls the provider, which takes long.
    oauth.setRefreshDelay(20_000);
    const expired = { type: 'claude', email: 'kill@example.com', access_token: 'sk-ant-oat01-FIXTURE-KILL-EXPIRED', refresh_token: oauth.issueRefreshToken(), expired: formatAuthTime(Date.now() - 60_000) };
    expect((await managementCall(killedEngine, '/auth-files?name=claude-kill.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(expired) })).status).toBe(200);
    const stuckRequest = askAt(killedEngine.baseUrl, 'claude-sonnet-4-6').catch(() => 0);
    await timeUntil(async () => oauth.refreshCount() === 1, 10_000);
    // The provider received the refresh and has not answered: the refresh token is still unspent.
    oauth.setRefreshDelay(0);

    engines = await startTeamEngines(server.dsn, schema, 2, config(), { oauthEndpoints: { claude: claudeEndpoints() } });
    const answers = new Map<string, Answer[]>();
    let loading = true;
    const load = async (name: string, baseUrl: string) => {
      const list: Answer[] = [];
      answers.set(name, list);
      while (loading) {
        const status = await askAt(baseUrl, 'm').catch(() => 0);
        list.push({ status, at: Date.now() });
        if (status === 0) return;
      }
    };
    const loads = [load('killed', killedEngine.baseUrl), ...engines.map((engine, index) => load(`other-${index}`, engine.baseUrl))];
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // The premise: the refresh lock is held (a transaction waiting on the provider) when the kill lands.
    const openTransactions = async () => Number((await query<{ count: string }>(server.dsn, "SELECT count(*) AS count FROM pg_stat_activity WHERE state = 'idle in transaction'"))[0]?.count);
    expect(await openTransactions()).toBeGreaterThanOrEqual(1);
    killed.run.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await killed.run.exited).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    loading = false;
    await Promise.all(loads);
    expect(await stuckRequest).toBe(0);

    // The others kept serving through the kill.
    for (const index of engines.keys()) {
      const list = answers.get(`other-${index}`) ?? [];
      expect(list.filter((answer) => answer.at > killedAt).length).toBeGreaterThan(0);
      expect(list.filter((answer) => answer.status !== 200)).toEqual([]);
    }
    const killedAnswers = answers.get('killed') ?? [];
    const servedByKilled = killedAnswers.filter((answer) => answer.status === 200);
    expect(servedByKilled.length).toBeGreaterThan(0);

    await timeUntil(async () => (await openTransactions()) === 0, 5_000);
    // No stuck lock: another engine refreshes the account (the lock ended with the killed connection) and serves it.
    const [other] = engines as [TestEngine];
    const refreshedIn = await timeUntil(async () => (await askThrough(other, 'claude-sonnet-4-6')) === 200, 10_000);
    // On failure, say what the engines logged about refreshes.
    const refreshLogs = engines.flatMap((engine) => engine.logLines().filter((line) => String(line.msg).includes('refresh')).map((line) => `${String(line.msg)} ${String(line.error ?? '')}`));
    expect(oauth.refreshCount(), refreshLogs.join('\n')).toBe(2);
    const download = (await managementCall(other, '/auth-files/download?name=claude-kill.json')).body as { access_token: string };
    expect(oauth.isValidAccessToken(download.access_token)).toBe(true);
    const rows = await query<{ content: string; version: string }>(server.dsn, `SELECT content, version FROM ${schema}.auth_records`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.content).toMatch(/^v1\./);

    // Usage: what reached PostgreSQL from the killed engine is a gap-free prefix of its local history.
    const instanceRows = async () => query<{ instance_id: string; local_ids: string[] }>(server.dsn, `SELECT instance_id, array_agg(local_id ORDER BY local_id) AS local_ids FROM ${schema}.usage_requests GROUP BY instance_id`);
    const instanceIdIn = async (configFolder: string) => (await readFile(join(configFolder, 'team-instance-id'), 'utf8')).trim();
    const otherInstances = new Set(await Promise.all(engines.map((engine) => instanceIdIn(dirname(engine.configPath)))));
    const killedId = await instanceIdIn(folder);
    expect(otherInstances.has(killedId)).toBe(false);
    const shippedBeforeRestart = (await instanceRows()).find((row) => row.instance_id === killedId)?.local_ids.map(Number) ?? [];
    expect(shippedBeforeRestart).toEqual(shippedBeforeRestart.map((_, index) => index + 1));

    // Started again on the same folder, it sends the rest of its local history: every request it answered more than a second before the kill.
    const restarted = await spawnEngine();
    const local = new BetterSqlite3(join(folder, 'usage.sqlite'), { readonly: true });
    const localCount = (local.prepare('SELECT count(*) AS count FROM usage_requests').get() as { count: number }).count;
    local.close();
    await timeUntil(async () => ((await instanceRows()).find((row) => row.instance_id === killedId)?.local_ids.length ?? 0) >= localCount, 10_000);
    const shipped = (await instanceRows()).find((row) => row.instance_id === killedId)?.local_ids.map(Number) ?? [];
    expect(shipped).toEqual(Array.from({ length: localCount }, (_, index) => index + 1));
    expect(localCount).toBeGreaterThanOrEqual(servedByKilled.filter((answer) => answer.at < killedAt - 1_000).length);
    expect(await askAt(`${restarted.origin}/v1`, 'claude-sonnet-4-6')).toBe(200);
    console.info(`[team] kill -9: killed engine answered ${servedByKilled.length} requests (${shippedBeforeRestart.length} rows in PostgreSQL at the kill, ${shipped.length} of ${localCount} local rows after its restart); the others answered ${engines.map((_, index) => answers.get(`other-${index}`)?.length ?? 0).join(' + ')} requests, all 200; the account, refreshed by another engine once the lock died, served there ${refreshedIn.toFixed(0)} ms after the load stopped`);
    restarted.run.child.kill('SIGTERM');
    await restarted.run.exited;
  }, 180_000);
});
