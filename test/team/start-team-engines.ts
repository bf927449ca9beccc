import { randomBytes } from 'node:crypto';
import { startTestEngine, testClientKey, type TestEngine, type TestEngineOptions } from '../integration/start-test-engine';

export const teamManagementSecret = 'mgmt-secret-team-server';

/** The engines of a suite share one store key, as a team's hosts share one secret (set once per test process). */
export function useTeamStoreKey(): void {
  process.env.CLIPROXY_STORE_KEY ??= randomBytes(32).toString('base64');
}

/** `count` real engines on one PostgreSQL schema, each on its own loopback port, with the management key set. */
export async function startTeamEngines(dsn: string, schema: string, count: number, config: Record<string, unknown> = {}, options: TestEngineOptions = {}): Promise<TestEngine[]> {
  useTeamStoreKey();
  const document = { store: { type: 'postgres', dsn, schema }, 'remote-management': { 'secret-key': teamManagementSecret }, ...config };
  return Promise.all(Array.from({ length: count }, () => startTestEngine(document, options)));
}

export async function managementCall(engine: TestEngine, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${teamManagementSecret}`);
  const response = await fetch(`${engine.origin}/v0/management${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** A chat completion through `engine`; resolves with the HTTP status. */
export function askThrough(engine: TestEngine, model: string): Promise<number> {
  return askAt(engine.baseUrl, model);
}

/** A chat completion sent to `baseUrl` (an engine's, or a balancer's `/v1`) with a client key; resolves with the HTTP status. */
export async function askAt(baseUrl: string, model: string, clientKey = testClientKey): Promise<number> {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
  });
  await response.text();
  return response.status;
}

/** Polls `check` every 10 ms until it is true; resolves with the milliseconds it took, rejects after `timeoutMs`. */
export async function timeUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not true after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}
