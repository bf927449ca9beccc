import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from '../integration/start-test-engine';
import { managementCall, startTeamEngines, timeUntil } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, the shared config across a database outage: edits accepted while PostgreSQL is down stay in each
 * engine's file and are published when it returns (different keys on two engines: both kept everywhere).
 */
const json = { 'content-type': 'application/json' };
const setting = async (engine: TestEngine, path: string) => Object.values((await managementCall(engine, path)).body as Record<string, unknown>)[0];

describe('the shared config while the database is down', () => {
  let server: TestPostgres;
  let engines: TestEngine[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    engines = await startTeamEngines(server.dsn, 'team_config_outage', 2, { 'request-retry': 0, routing: { strategy: 'round-robin' } });
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await server.stop();
  });

  it('an edit made during the outage stays on its engine, and reaches the others once the database is back', async () => {
    const [first, second] = engines as [TestEngine, TestEngine];
    await server.pause();
    try {
      expect((await managementCall(first, '/request-retry', { method: 'PUT', headers: json, body: JSON.stringify({ value: 4 }) })).status).toBe(200);
      expect((await managementCall(second, '/routing/strategy', { method: 'PUT', headers: json, body: JSON.stringify({ value: 'fill-first' }) })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await setting(second, '/request-retry')).toBe(0);
      expect(await setting(first, '/routing/strategy')).toBe('round-robin');
    } finally {
      await server.start();
    }
    const back = await Promise.all([
      timeUntil(async () => (await setting(second, '/request-retry')) === 4, 10_000),
      timeUntil(async () => (await setting(first, '/routing/strategy')) === 'fill-first', 10_000),
    ]);
    console.info(`[team] edits made during an outage reached the other engine ${back.map((ms) => (ms / 1000).toFixed(1)).join(' / ')} s after the database returned`);
    for (const engine of engines) {
      const text = await readFile(engine.configPath, 'utf8');
      expect(text).toContain('request-retry: 4');
      expect(text).toContain('strategy: fill-first');
    }
  });
});
