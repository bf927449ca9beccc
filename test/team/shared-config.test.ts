import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, testClientKey, type TestEngine } from '../integration/start-test-engine';
import { askThrough, managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, the shared part of config.yaml: a credential entry added through one engine's management API is
 * listed and served by every engine within a second, a routing change and an edit on disk reach all, each
 * engine keeps its comments, port and management key, a broken config changes nothing anywhere, racing
 * edits end equal everywhere, and a late engine takes the team's config (times printed).
 */
const schema = 'team_config';
const json = { 'content-type': 'application/json' };

const listsModel = async (engine: TestEngine, model: string) => {
  const response = await fetch(`${engine.baseUrl}/models`, { headers: { authorization: `Bearer ${testClientKey}` } });
  const body = (await response.json()) as { data?: Array<{ id: string }> };
  return (body.data ?? []).some((entry) => entry.id === model);
};
const strategyOf = async (engine: TestEngine) => ((await managementCall(engine, '/routing/strategy')).body as { strategy: string }).strategy;
const fileOf = (engine: TestEngine) => readFile(engine.configPath, 'utf8');
const perEngineKeys = (text: string) => {
  const document = parse(text) as Record<string, unknown>;
  return { port: document.port, host: document.host, 'remote-management': document['remote-management'], store: document.store };
};

/** Waits until every engine in `engines` satisfies `check`; resolves with each one's time in ms. */
const reachAll = (engines: TestEngine[], check: (engine: TestEngine) => Promise<boolean>) => Promise.all(engines.map((engine) => timeUntil(() => check(engine))));
const printed = (times: number[]) => times.map((ms) => ms.toFixed(0)).join(' / ');

describe('config.yaml shared through PostgreSQL', () => {
  let server: TestPostgres;
  let anthropic: FakeAnthropicUpstream;
  let openai: FakeOpenAIUpstream;
  let engines: TestEngine[] = [];
  const measured: number[] = [];
  const sharedVersion = async () => {
    const client = new pg.Client(server.dsn);
    await client.connect();
    const { rows } = await client.query<{ version: string }>(`SELECT max(version) AS version FROM ${schema}.shared_settings`);
    await client.end();
    return Number(rows[0]?.version);
  };

  beforeAll(async () => {
    server = await startTestPostgres();
    anthropic = await startFakeAnthropicUpstream({ name: 'team-claude', apiKey: 'sk-ant-team' });
    openai = await startFakeOpenAIUpstream({ name: 'team-compat' });
    engines = await startTeamEngines(server.dsn, schema, 3, { 'request-retry': 0 });
    // Each engine's own comment and port in its file (the listener keeps the port it got: the tests override it).
    for (const [index, engine] of engines.entries()) {
      const text = (await fileOf(engine)).replace('port: 8317', `port: ${8401 + index} # engine ${index + 1}'s port`);
      await writeFile(engine.configPath, `# engine ${index + 1}: its own comment\n${text}`);
      expect((await engine.engine.reload()).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await anthropic.close();
    await openai.close();
    await server.stop();
    if (measured.length > 0) console.info(`[team] shared config: ${measured.length} propagations, ${Math.min(...measured).toFixed(0)} to ${Math.max(...measured).toFixed(0)} ms`);
  });

  it('a claude-api-key and an openai-compatibility entry added on one engine are listed and served by every engine within a second', async () => {
    const [first, second, third] = engines as [TestEngine, TestEngine, TestEngine];
    const before = await Promise.all(engines.map(fileOf));
    const claude = [{ 'api-key': 'sk-ant-team', 'base-url': anthropic.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'team-claude' }] }];
    expect((await managementCall(first, '/claude-api-key', { method: 'PUT', headers: json, body: JSON.stringify(claude) })).status).toBe(200);
    const claudeReach = await reachAll([second, third], (engine) => listsModel(engine, 'team-claude'));
    console.info(`[team] a claude-api-key added on one engine was listed by the others in ${printed(claudeReach)} ms`);
    for (const engine of engines) expect(await askThrough(engine, 'team-claude')).toBe(200);
    expect(anthropic.requests.length).toBe(3);

    const compat = [compatEntry('team-compat', openai.baseUrl, ['sk-compat'], { models: [{ name: 'up-model', alias: 'team-compat-model' }] })];
    expect((await managementCall(second, '/openai-compatibility', { method: 'PUT', headers: json, body: JSON.stringify(compat) })).status).toBe(200);
    const compatReach = await reachAll([first, third], (engine) => listsModel(engine, 'team-compat-model'));
    console.info(`[team] an openai-compatibility entry added on one engine was listed by the others in ${printed(compatReach)} ms`);
    for (const engine of engines) expect(await askThrough(engine, 'team-compat-model')).toBe(200);
    expect(openai.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(3);
    measured.push(...claudeReach, ...compatReach);
    expect(Math.max(...claudeReach, ...compatReach)).toBeLessThan(1_000);

    // Comments, the port and the management key (each engine's own bcrypt hash) untouched everywhere.
    for (const [index, engine] of engines.entries()) {
      const text = await fileOf(engine);
      expect(text).toContain(`# engine ${index + 1}: its own comment`);
      expect(text).toContain(`port: ${8401 + index} # engine ${index + 1}'s port`);
      expect(perEngineKeys(text)).toEqual(perEngineKeys(before[index] as string));
    }
    const hashes = (await Promise.all(engines.map(fileOf))).map((text) => JSON.stringify(perEngineKeys(text)['remote-management']));
    expect(new Set(hashes).size).toBe(3);
  });

  it('a routing change through one engine\'s management API, an edit of another\'s file on disk and a control operation reach every engine within a second', async () => {
    const [first, second, third] = engines as [TestEngine, TestEngine, TestEngine];
    expect((await managementCall(third, '/routing/strategy', { method: 'PUT', headers: json, body: JSON.stringify({ value: 'fill-first' }) })).status).toBe(200);
    const routingReach = await reachAll([first, second], async (engine) => (await strategyOf(engine)) === 'fill-first');
    console.info(`[team] a routing change reached the other engines in ${printed(routingReach)} ms`);

    // A user edits the first engine's config.yaml with a text editor: its watcher reloads, the team follows.
    const text = await fileOf(first);
    await writeFile(first.configPath, text.replace('request-retry: 0', 'request-retry: 2 # edited by hand'));
    const retryOf = async (engine: TestEngine) => ((await managementCall(engine, '/request-retry')).body as Record<string, unknown>)['request-retry'];
    const diskReach = await reachAll([second, third], async (engine) => (await retryOf(engine)) === 2);
    console.info(`[team] an edit on disk reached the other engines in ${printed(diskReach)} ms`);
    // The desktop app's settings forms: the control contract's config.setValues (here over HTTP).
    const control = await managementCall(second, '/control/config.setValues', { method: 'POST', headers: json, body: JSON.stringify({ values: [{ path: ['max-retry-interval'], value: 45 }] }) });
    expect(control.body).toMatchObject({ ok: true });
    const intervalOf = async (engine: TestEngine) => ((await managementCall(engine, '/max-retry-interval')).body as Record<string, unknown>)['max-retry-interval'];
    const controlReach = await reachAll([first, third], async (engine) => (await intervalOf(engine)) === 45);
    console.info(`[team] a control operation's change reached the other engines in ${printed(controlReach)} ms`);
    measured.push(...routingReach, ...diskReach, ...controlReach);
    expect(Math.max(...routingReach, ...controlReach)).toBeLessThan(1_000);
    // Measured from the write: the watcher waits for 150 ms of quiet before it reloads (editors save in bursts).
    expect(Math.max(...diskReach)).toBeLessThan(1_150);
    expect(await fileOf(first)).toContain('request-retry: 2 # edited by hand');
  });

  it('a broken YAML or a rejected config on one engine changes nothing anywhere; nothing echoes', async () => {
    const [first] = engines as [TestEngine];
    const files = await Promise.all(engines.map(fileOf));
    const version = await sharedVersion();
    const put = (text: string) => managementCall(first, '/config.yaml', { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: text });
    expect((await put('routing: [unclosed\nclaude-api-key: []\n')).status).toBe(400);
    expect((await put(`${files[0] as string}\nrequest-retry: -1\n`.replace(/^request-retry: 2.*$/m, ''))).status).toBe(422);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await Promise.all(engines.map(fileOf))).toEqual(files);
    expect(await sharedVersion()).toBe(version);
  });

  it('racing saves of the same keys on two engines end with one of them, whole, everywhere; nothing echoes', async () => {
    const [first, second] = engines as [TestEngine, TestEngine];
    const putBoth = async (engine: TestEngine, strategy: string, retries: number) => {
      const text = (await fileOf(engine)).replace(/strategy: .*/, `strategy: ${strategy}`).replace(/^request-retry: .*$/m, `request-retry: ${retries}`);
      return (await managementCall(engine, '/config.yaml', { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: text })).status;
    };
    const stateOf = async (engine: TestEngine) => {
      const document = parse(await fileOf(engine)) as { routing?: { strategy?: string }; 'request-retry'?: number };
      return `${document.routing?.strategy}/${document['request-retry']}`;
    };
    // Each round both saves change both keys (strategies other than the last round's, retries never used), so one
    // engine's save winning one key and the other's the other would be a mix.
    const pairs = [['round-robin', 'weighted-round-robin'], ['fill-first', 'quota-aware']] as const;
    for (let round = 0; round < 4; round += 1) {
      const [strategyOne, strategyTwo] = pairs[round % 2] as readonly [string, string];
      const saves = [`${strategyOne}/${10 + round}`, `${strategyTwo}/${20 + round}`];
      expect(await Promise.all([putBoth(first, strategyOne, 10 + round), putBoth(second, strategyTwo, 20 + round)])).toEqual([200, 200]);
      const settled = async () => {
        const states = await Promise.all(engines.map(stateOf));
        return new Set(states).size === 1 && saves.includes(states[0] as string);
      };
      await timeUntil(settled, 3_000);
      const version = await sharedVersion();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await settled()).toBe(true);
      expect(await sharedVersion()).toBe(version);
    }
  });

  it('an engine joining with its own config takes the team\'s and keeps its port; its own values go nowhere', async () => {
    const [late] = await startTeamEngines(server.dsn, schema, 1, { 'request-retry': 9, routing: { strategy: 'round-robin' }, 'claude-api-key': [{ 'api-key': 'sk-only-here', 'base-url': anthropic.baseUrl }] });
    engines.push(late as TestEngine);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const team = parse(await fileOf(engines[0] as TestEngine)) as Record<string, unknown>;
    expect(JSON.stringify(team)).not.toContain('sk-only-here');
    const joined = parse(await fileOf(late as TestEngine)) as Record<string, unknown>;
    for (const key of ['claude-api-key', 'openai-compatibility', 'routing', 'request-retry', 'api-keys']) expect(joined[key]).toEqual(team[key]);
    expect(joined.port).toBe(8317);
    expect(await listsModel(late as TestEngine, 'team-claude')).toBe(true);
    expect(await askThrough(late as TestEngine, 'team-compat-model')).toBe(200);
  });
});
