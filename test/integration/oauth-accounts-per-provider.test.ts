import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { oauthAccountHarnesses, type OAuthAccountHarness } from './oauth-account-harnesses';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * The token life cycle of every OAuth provider, one test body for all of them (docs/providers.md#refresh-scheduling, docs/routing.md#cooldowns and each
 * provider's refresh and quota facts): refresh after an upstream 401, refresh within the lead before
 * expiry, one refresh for 20 concurrent requests, a dead refresh token -> needs re-login, and a quota
 * error -> cooldown -> the next account. Each provider's fakes answer as the real service does.
 */
const day = 86_400_000;

describe.each(oauthAccountHarnesses)('$provider account tokens and failover', ({ start: startHarness }) => {
  let harness: OAuthAccountHarness;
  let proxy: TestEngine | undefined;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    harness.reset();
  });

  async function start(authFiles: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}): Promise<{ client: OpenAI; engine: TestEngine }> {
    proxy = await startTestEngine({ 'disable-cooling': false, 'request-retry': 0, ...config }, { authFiles, oauthEndpoints: harness.oauthEndpoints });
    return { client: new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 }), engine: proxy };
  }

  const account = (email: string, expiresAt: number) => {
    const issued = harness.issueAccount();
    return { ...issued, file: harness.authFile({ email, expiresAt, ...issued }) };
  };
  const ask = (client: OpenAI) => client.chat.completions.create({ model: harness.model, messages: [{ role: 'user', content: 'Hello' }] });
  const saved = async (engine: TestEngine, name: string) => JSON.parse(await readFile(join(engine.authDir, name), 'utf8')) as Record<string, unknown>;

  it('refreshes once after an upstream 401, retries the same account with the new token and persists it', async () => {
    const a = account('a@example.com', Date.now() + 30 * day);
    const { client, engine } = await start({ 'a.json': a.file });
    harness.rejectNextCall(a.upstreamToken);
    const before = harness.refreshCount();
    await ask(client);
    expect(harness.refreshCount() - before).toBe(1);
    const [rejected, retried = ''] = harness.upstreamTokens();
    expect(rejected).toBe(a.upstreamToken);
    expect(retried).not.toBe(a.upstreamToken);
    expect(harness.isIssued(retried)).toBe(true);
    expect((await saved(engine, 'a.json'))[harness.tokenField]).toBe(retried);
    expect(engine.rawLogs()).not.toContain(retried);
  });

  it('refreshes a token within the lead before expiry, before it is used', async () => {
    const a = account('a@example.com', Date.now() + harness.leadMs / 2);
    const { client, engine } = await start({ 'a.json': a.file });
    await expect.poll(async () => (await saved(engine, 'a.json'))[harness.tokenField], { timeout: 10_000 }).not.toBe(a.upstreamToken);
    // The store takes the new record just after the atomic rename made the file visible to this poll.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ask(client);
    const [sent = ''] = harness.upstreamTokens();
    expect(sent).not.toBe(a.upstreamToken);
    expect(harness.isIssued(sent)).toBe(true);
  });

  it('refreshes an expired token exactly once for 20 concurrent requests', async () => {
    const a = account('a@example.com', Date.now() - 1000);
    const { client } = await start({ 'a.json': a.file });
    harness.setRefreshDelay(100);
    const before = harness.refreshCount();
    await Promise.all(Array.from({ length: 20 }, () => ask(client)));
    expect(harness.refreshCount() - before).toBe(1);
    const tokens = new Set(harness.upstreamTokens());
    expect(tokens.size).toBe(1);
    const [token = ''] = tokens;
    expect(token).not.toBe(a.upstreamToken);
    expect(harness.isIssued(token)).toBe(true);
  });

  it('refreshes a CPA file that keeps its tokens only in the nested token object (docs/providers.md#auth-files) and serves the new token', async () => {
    const a = account('a@example.com', Date.now() - 1000);
    const { client } = await start({ 'a.json': nestTokens(a.file) });
    const before = harness.refreshCount();
    await ask(client);
    expect(harness.refreshCount() - before).toBe(1);
    const [sent = ''] = harness.upstreamTokens();
    expect(sent).not.toBe(a.upstreamToken);
    expect(harness.isIssued(sent)).toBe(true);
  });

  it('marks a dead refresh token as needing re-login in the file, stops routing to it and never refreshes it again', async () => {
    const dead = account('dead@example.com', Date.now() - 1000);
    harness.killRefreshToken(dead.refreshToken);
    const live = account('live@example.com', Date.now() + 30 * day);
    const { client, engine } = await start({ 'a-dead.json': dead.file, 'b-live.json': live.file }, { routing: { strategy: 'fill-first' } });
    const before = harness.refreshCount();
    for (let index = 0; index < 3; index += 1) await ask(client);
    expect(harness.upstreamTokens()).toEqual(Array(3).fill(live.upstreamToken));
    expect(harness.refreshCount() - before).toBe(1);
    expect(await saved(engine, 'a-dead.json')).toMatchObject({ needs_relogin: true, needs_relogin_reason: expect.stringMatching(/^(invalid_grant|refresh_token_reused): /), refresh_token: dead.refreshToken });
    await expect.poll(() => engine.engine.status().accounts).toBe(1);
    expect(engine.rawLogs()).not.toContain(dead.refreshToken);
  });

  it("cools an account down on the provider's quota error and serves the next requests from the next account", async () => {
    const first = account('a@example.com', Date.now() + 30 * day);
    const second = account('b@example.com', Date.now() + 30 * day);
    const { client } = await start({ 'a.json': first.file, 'b.json': second.file }, { routing: { strategy: 'fill-first' } });
    harness.exhaustQuota(first.upstreamToken);
    await ask(client);
    await ask(client);
    expect(harness.upstreamTokens()).toEqual([first.upstreamToken, second.upstreamToken, second.upstreamToken]);
  });
});

/** The file as some CPA logins write it: tokens and expiry only inside `token` (iFlow's upstream `api_key` stays on top). */
function nestTokens(file: Record<string, unknown>): Record<string, unknown> {
  const nested = new Set(['access_token', 'refresh_token', 'expired', 'expiry']);
  const top = Object.fromEntries(Object.entries(file).filter(([key]) => !nested.has(key) && key !== 'token'));
  return { ...top, token: Object.fromEntries(Object.entries(file).filter(([key]) => nested.has(key))) };
}
