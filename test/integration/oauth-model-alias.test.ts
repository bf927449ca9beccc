import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/** docs/config.md#oauth-model-alias-and-oauth-excluded-models end to end: `oauth-model-alias` / `oauth-excluded-models` on a Claude auth file. */
let upstream: FakeAnthropicUpstream;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  upstream = await startFakeAnthropicUpstream({ name: 'claude-alias' });
});
afterAll(async () => {
  await upstream.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  upstream.reset();
});

describe('oauth-model-alias and oauth-excluded-models', () => {
  it('sends an alias upstream as the real name, lists aliases and refuses excluded models', async () => {
    proxy = await startTestEngine(
      {
        'request-retry': 0,
        'oauth-model-alias': { Claude: [{ name: 'claude-sonnet-4-6', alias: 'sonnet' }, { name: 'claude-opus-4-7', alias: 'opus', fork: true }] },
        'oauth-excluded-models': { CLAUDE: ['claude-haiku-*'] },
      },
      {
        authFiles: {
          'claude-a@example.com.json': {
            type: 'claude',
            access_token: 'sk-ant-oat01-alias',
            refresh_token: 'unused',
            expired: formatAuthTime(Date.now() + 30 * 86_400_000),
            email: 'a@example.com',
            excluded_models: ['claude-opus-4-8'],
          },
        },
        oauthEndpoints: { claude: { apiBase: upstream.baseUrl } },
      },
    );
    const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });

    const completion = await client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from claude-alias');
    expect((upstream.requests[0]?.body as { model: string }).model).toBe('claude-sonnet-4-6');

    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['sonnet', 'opus', 'claude-opus-4-7', 'claude-opus-4-6']));
    expect(ids).not.toContain('claude-sonnet-4-6');
    expect(ids).not.toContain('claude-haiku-4-5-20251001');
    expect(ids).not.toContain('claude-opus-4-8');

    for (const model of ['claude-haiku-4-5-20251001', 'claude-opus-4-8']) {
      await expect(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({ status: expect.any(Number) });
    }
    expect(upstream.requests).toHaveLength(1);
  });
});
