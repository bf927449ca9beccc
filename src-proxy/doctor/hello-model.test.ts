import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../../test/fakes/closed-port.fixture';
import { allProviders, getProvider } from '../providers/registry';
import { testCredential } from '../routing/test-credential.fixture';
import { helloModelOf } from './hello-model';
import { sayHello } from './say-hello';

describe('the hello model', () => {
  it('is one each provider serves itself', () => {
    for (const provider of allProviders()) {
      if (provider.helloModel !== undefined) expect(provider.models, provider.id).toContain(provider.helloModel);
    }
  });

  it('prefers the cheap model when the account lists it, else the first it lists, else none for a bare OpenAI-compatible entry', () => {
    const claude = getProvider('claude-api');
    expect(helloModelOf(testCredential({ id: 'a', provider: 'claude-api' }), claude)).toBe('claude-haiku-4-5-20251001');
    const listed = [
      { name: 'claude-sonnet-4-6', alias: 'sonnet' },
      { name: 'claude-haiku-4-5-20251001', alias: 'haiku' },
    ];
    expect(helloModelOf(testCredential({ id: 'b', provider: 'claude-api', models: listed }), claude)).toBe('claude-haiku-4-5-20251001');
    expect(helloModelOf(testCredential({ id: 'c', provider: 'claude-api', models: listed.slice(0, 1) }), claude)).toBe('claude-sonnet-4-6');
    expect(helloModelOf(testCredential({ id: 'd' }), getProvider('openai-compatible'))).toBeUndefined();
  });
});

describe('sayHello without a request', () => {
  const options = { timeoutMs: 1000, now: () => 5, generateId: (prefix: string) => `${prefix}1` };

  it('an entry with no model to ask says so and sends nothing', async () => {
    const dispatcher = new Agent();
    const hello = await sayHello(testCredential({ id: 'bare' }), getProvider('openai-compatible'), { account: 'bare', label: 'bare' }, { ...options, dispatcher });
    expect(hello).toMatchObject({ ok: false, model: null, status: null, latencyMs: null, error: expect.stringContaining('Add one under `models`'), checkedAt: 5 });
    await dispatcher.close();
  });

  it('a login whose token cannot be renewed sends nothing and says why', async () => {
    const port = await closedPort();
    const dispatcher = new Agent();
    const oauth = {
      accessToken: () => Promise.reject(new Error('refresh failed: 503')),
      refreshAfterUnauthorized: () => Promise.reject(new Error('not called')),
      deviceId: '',
      accountUuid: '',
    };
    const credential = testCredential({ id: 'auth:claude-a.json', provider: 'claude', apiKey: '', baseUrl: `http://127.0.0.1:${port}`, oauth });
    const hello = await sayHello(credential, getProvider('claude'), { account: 'claude-a.json', label: 'a@example.com' }, { ...options, dispatcher });
    expect(hello).toMatchObject({ ok: false, status: null, latencyMs: null, error: 'No access token: renewing it failed (see the account status).' });
    await dispatcher.close();
  });
});
