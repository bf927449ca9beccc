import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, startTestEngine, testClientKey } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The fake answers with the model it was sent, so what the client sees shows whether the engine rewrote it. */
async function engineWithAlias(forceMapping: boolean) {
  const upstream = await startFakeOpenAIUpstream({ name: 'up' });
  cleanups.push(() => upstream.close());
  const models = [{ name: 'vendor-model-2026-01', alias: 'team-model', ...(forceMapping ? { 'force-mapping': true } : {}) }];
  const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'], { models })] });
  cleanups.push(() => proxy.close());
  return { upstream, client: new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 }) };
}

describe('force-mapping on a model alias (docs/routing.md#aliases-and-force-mapping)', () => {
  it('with force-mapping, buffered and streamed pass-through answers name the alias; upstream still gets its own name', async () => {
    const { upstream, client } = await engineWithAlias(true);
    const buffered = await client.chat.completions.create({ model: 'team-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(buffered.model).toBe('team-model');
    const stream = await client.chat.completions.create({ model: 'team-model', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const models = new Set<string>();
    let text = '';
    for await (const chunk of stream) {
      models.add(chunk.model);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect([...models]).toEqual(['team-model']);
    expect(text.length).toBeGreaterThan(0);
    expect(upstream.requests.map((request) => (request.body as { model: string }).model)).toEqual(['vendor-model-2026-01', 'vendor-model-2026-01']);
  });

  it('without force-mapping, the upstream model name comes back as CLIProxyAPI does', async () => {
    const { client } = await engineWithAlias(false);
    const buffered = await client.chat.completions.create({ model: 'team-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(buffered.model).toBe('vendor-model-2026-01');
  });
});
