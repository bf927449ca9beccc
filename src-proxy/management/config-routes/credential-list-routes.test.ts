import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCredentials } from '../../providers/build-credentials';
import { COMMENTED_CONFIG, replaceLine, startConfigRoutes, type ConfigRoutesFixture } from './config-routes.fixture';

let fixture: ConfigRoutesFixture;
beforeEach(async () => {
  fixture = await startConfigRoutes();
});
afterEach(() => fixture.close());

const served = async (section: string) => (await fixture.call('GET', `/${section}`)).json<Record<string, Array<Record<string, unknown>>>>()[section] ?? [];
/** The entries as the file has them: GET minus the `auth-index` it adds (checked in its own tests below). */
const list = async (section: string) => (await served(section)).map(({ 'auth-index': _index, ...stored }) => stored);

describe('credential lists (docs/management-api.md#list-sections)', () => {
  it('GET shows each section as the file has it, unknown entry keys included; absent sections are []', async () => {
    expect(await list('gemini-api-key')).toEqual([
      { 'api-key': 'AIza-one', prefix: 'team', 'future-entry-key': 7 },
      { 'api-key': 'AIza-two', 'base-url': 'https://gemini.example.test' },
    ]);
    expect(await list('claude-api-key')).toEqual([{ 'api-key': 'sk-ant-one', priority: 1 }]);
    expect(await list('codex-api-key')).toHaveLength(1);
    expect(await list('openai-compatibility')).toEqual([
      { name: 'router', 'base-url': 'https://router.example.test/v1', 'api-key-entries': [{ 'api-key': 'sk-router', 'auth-index': expect.any(String) }] },
    ]);
    expect((await fixture.call('GET', '/vertex-api-key')).json()).toEqual({ 'vertex-api-key': [] });
  });

  it('PATCH by match merges only the given fields, in place: comments, other fields and unknown keys stay', async () => {
    const response = await fixture.call('PATCH', '/gemini-api-key', { match: 'AIza-one', value: { prefix: 'crew', 'proxy-url': 'direct' } });
    expect(response.json()).toEqual({ status: 'ok' });
    expect(await fixture.text()).toBe(
      replaceLine(COMMENTED_CONFIG, '    prefix: team # namespace\n    future-entry-key: 7\n', '    prefix: crew # namespace\n    future-entry-key: 7\n    proxy-url: direct\n'),
    );
    expect(fixture.configFile.config().geminiApiKey[0]).toMatchObject({ prefix: 'crew', proxyUrl: 'direct' });
  });

  it('PATCH by index wins over match; fields CPA does not patch are ignored; null clears weight and disable-cooling only', async () => {
    await fixture.call('PATCH', '/claude-api-key', { index: 0, match: 'nope', value: { weight: 5, 'disable-cooling': true, surprise: 1 } });
    expect(await list('claude-api-key')).toEqual([{ 'api-key': 'sk-ant-one', priority: 1, weight: 5, 'disable-cooling': true }]);
    await fixture.call('PATCH', '/claude-api-key', { index: 0, value: { weight: null, 'disable-cooling': null, priority: null } });
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
  });

  it('PATCH narrows a match with ?base-url=; several matches need an index (400), none is 404', async () => {
    await fixture.call('PUT', '/codex-api-key', [
      { 'api-key': 'sk-same', 'base-url': 'https://a.example.test' },
      { 'api-key': 'sk-same', 'base-url': 'https://b.example.test' },
    ]);
    const several = await fixture.call('PATCH', '/codex-api-key', { match: 'sk-same', value: { prefix: 'p' } });
    expect(several.statusCode).toBe(400);
    expect(several.json()).toEqual({ error: 'multiple items match; index is required' });
    const narrowed = await fixture.call('PATCH', '/codex-api-key?base-url=https://b.example.test', { match: 'sk-same', value: { prefix: 'p' } });
    expect(narrowed.statusCode).toBe(200);
    expect(await list('codex-api-key')).toEqual([
      { 'api-key': 'sk-same', 'base-url': 'https://a.example.test' },
      { 'api-key': 'sk-same', 'base-url': 'https://b.example.test', prefix: 'p' },
    ]);
    const none = await fixture.call('PATCH', '/codex-api-key', { match: 'sk-other', value: { prefix: 'p' } });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ error: 'item not found' });
    expect((await fixture.call('PATCH', '/codex-api-key', { index: 7, value: {} })).statusCode).toBe(404);
    expect((await fixture.call('PATCH', '/codex-api-key', { match: 'sk-same' })).json()).toEqual({ error: 'invalid body' });
  });

  it('PATCH that empties a gemini entry (no key, no base-url) or an openai-compatibility base-url removes the entry', async () => {
    await fixture.call('PATCH', '/gemini-api-key', { index: 0, value: { 'api-key': '' } });
    expect(await list('gemini-api-key')).toHaveLength(1);
    await fixture.call('PATCH', '/openai-compatibility', { name: 'router', value: { 'base-url': '' } });
    expect(await list('openai-compatibility')).toEqual([]);
  });

  it('PATCH openai-compatibility finds the entry by name', async () => {
    await fixture.call('PATCH', '/openai-compatibility', { name: 'router', value: { models: [{ name: 'kimi-k2', alias: 'k2' }] } });
    expect(fixture.configFile.config().openaiCompatibility[0]?.models).toEqual([{ name: 'kimi-k2', alias: 'k2' }]);
  });

  it('PATCH refuses a merged entry CPA would refuse (weight, fingerprint-profile, an invalid base-url), file byte-identical', async () => {
    const weight = await fixture.call('PATCH', '/claude-api-key', { index: 0, value: { weight: 2_000_000 } });
    expect(weight.statusCode).toBe(400);
    expect(weight.json()).toEqual({ error: 'claude-api-key[0].weight: expected an integer up to 1000000' });
    const profile = await fixture.call('PATCH', '/claude-api-key', { index: 0, value: { 'fingerprint-profile': 'browser' } });
    expect(profile.json()).toEqual({ error: 'claude-api-key[0].fingerprint-profile: expected "" or "claude-code-cli"' });
    const baseUrl = await fixture.call('PATCH', '/codex-api-key', { index: 0, value: { 'base-url': 'ftp://nope' } });
    expect(baseUrl.statusCode).toBe(422);
    expect(baseUrl.json()).toEqual({ error: 'invalid_config', message: expect.stringMatching(/^config\.yaml:\d+:\d+: codex-api-key\[0\]\.base-url: /) });
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
  });

  it('PUT replaces only that section of the commented file', async () => {
    await fixture.call('PUT', '/codex-api-key', [{ 'api-key': 'sk-codex-two', 'base-url': 'https://codex2.example.test/v1', websockets: true }]);
    expect(await fixture.text()).toBe(
      replaceLine(
        COMMENTED_CONFIG,
        '  - api-key: sk-codex-one\n    base-url: https://codex.example.test/v1\n',
        '  - api-key: sk-codex-two\n    base-url: https://codex2.example.test/v1\n    websockets: true\n',
      ),
    );
    expect(fixture.configFile.config().codexApiKey.map((entry) => entry.apiKey)).toEqual(['sk-codex-two']);
  });

  it('PUT replaces a list from an array or {items}; openai-compatibility entries without base-url are dropped; vertex needs api-key', async () => {
    expect((await fixture.call('PUT', '/vertex-api-key', { items: [{ 'api-key': 'v-1', 'base-url': 'https://vertex.example.test' }] })).statusCode).toBe(200);
    expect(await list('vertex-api-key')).toEqual([{ 'api-key': 'v-1', 'base-url': 'https://vertex.example.test' }]);
    const missing = await fixture.call('PUT', '/vertex-api-key', [{ 'api-key': 'v-1' }, { 'base-url': 'https://x.example.test' }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ error: 'vertex-api-key[1].api-key is required' });
    await fixture.call('PUT', '/openai-compatibility', [{ name: 'a', 'base-url': 'https://a.example.test/v1' }, { name: 'no-base' }]);
    expect(await list('openai-compatibility')).toEqual([{ name: 'a', 'base-url': 'https://a.example.test/v1' }]);
    for (const body of [{ items: [] }, ['text'], 'nope']) {
      expect((await fixture.call('PUT', '/gemini-api-key', body)).json()).toEqual({ error: 'invalid body' });
    }
  });

  it('DELETE ?api-key= removes the entry; several with that key need base-url; none is 404 for gemini, 200 for codex', async () => {
    expect((await fixture.call('DELETE', '/gemini-api-key?api-key=AIza-two')).json()).toEqual({ status: 'ok' });
    expect(await list('gemini-api-key')).toHaveLength(1);
    const missingGemini = await fixture.call('DELETE', '/gemini-api-key?api-key=AIza-none');
    expect(missingGemini.statusCode).toBe(404);
    expect(missingGemini.json()).toEqual({ error: 'item not found' });
    expect((await fixture.call('DELETE', '/codex-api-key?api-key=sk-none')).statusCode).toBe(200);
    await fixture.call('PUT', '/claude-api-key', [
      { 'api-key': 'k', 'base-url': 'https://a.example.test' },
      { 'api-key': 'k', 'base-url': 'https://b.example.test' },
    ]);
    const several = await fixture.call('DELETE', '/claude-api-key?api-key=k');
    expect(several.statusCode).toBe(400);
    expect(several.json()).toEqual({ error: 'multiple items match api-key; base-url is required' });
    await fixture.call('DELETE', '/claude-api-key?api-key=k&base-url=https://a.example.test');
    expect(await list('claude-api-key')).toEqual([{ 'api-key': 'k', 'base-url': 'https://b.example.test' }]);
  });

  it('DELETE ?index= and openai-compatibility ?name=; nothing given is 400', async () => {
    await fixture.call('DELETE', '/gemini-api-key?index=0');
    expect(await list('gemini-api-key')).toEqual([{ 'api-key': 'AIza-two', 'base-url': 'https://gemini.example.test' }]);
    await fixture.call('DELETE', '/openai-compatibility?name=router');
    expect(await list('openai-compatibility')).toEqual([]);
    expect((await fixture.call('DELETE', '/openai-compatibility')).json()).toEqual({ error: 'missing name or index' });
    expect((await fixture.call('DELETE', '/codex-api-key?index=3')).json()).toEqual({ error: 'missing api-key or index' });
  });

  it('xai-api-key (base-url required, websockets patchable) and interactions-api-key (Gemini-shaped, 404 on a missing delete) are kept in the file', async () => {
    await fixture.call('PUT', '/xai-api-key', [{ 'api-key': 'xai-1', 'base-url': 'https://x.example.test/v1' }, { 'api-key': 'xai-no-base' }]);
    expect(await list('xai-api-key')).toEqual([{ 'api-key': 'xai-1', 'base-url': 'https://x.example.test/v1' }]);
    expect((await fixture.call('PATCH', '/xai-api-key', { match: 'xai-1', value: { websockets: true } })).json()).toEqual({ status: 'ok' });
    expect(await list('xai-api-key')).toEqual([{ 'api-key': 'xai-1', 'base-url': 'https://x.example.test/v1', websockets: true }]);
    await fixture.call('PATCH', '/xai-api-key', { index: 0, value: { 'base-url': '' } });
    expect(await list('xai-api-key')).toEqual([]);

    await fixture.call('PUT', '/interactions-api-key', { items: [{ 'api-key': 'ia-1' }] });
    expect((await fixture.call('PATCH', '/interactions-api-key', { match: 'ia-1', value: { prefix: 'ia', priority: 5 } })).json()).toEqual({ status: 'ok' });
    expect(await list('interactions-api-key')).toEqual([{ 'api-key': 'ia-1', prefix: 'ia' }]);
    expect((await fixture.call('DELETE', '/interactions-api-key?api-key=ia-none')).statusCode).toBe(404);
    expect((await fixture.call('DELETE', '/interactions-api-key?api-key=ia-1')).json()).toEqual({ status: 'ok' });
    expect(await list('interactions-api-key')).toEqual([]);
  });
});

describe('auth-index on list entries (docs/management-api.md#list-sections)', () => {
  const liveId = (label: string) => buildCredentials(fixture.configFile.config()).find((credential) => credential.label === label)?.id;

  it('each served entry carries its live credential id, the index POST /api-call and /auth-files/status take', async () => {
    const gemini = await served('gemini-api-key');
    expect(gemini.map((entry) => entry['auth-index'])).toEqual([liveId('gemini-api-key[0]'), liveId('gemini-api-key[1]')]);
    expect(gemini[0]?.['auth-index']).toMatch(/^[0-9a-f]{16}$/);
    expect(gemini[0]?.['auth-index']).not.toBe(gemini[1]?.['auth-index']);
    expect((await served('claude-api-key'))[0]?.['auth-index']).toBe(liveId('claude-api-key[0]'));
    expect((await served('codex-api-key'))[0]?.['auth-index']).toBe(liveId('codex-api-key[0]'));
    const [router] = await served('openai-compatibility');
    expect(router).not.toHaveProperty('auth-index');
    expect(router?.['api-key-entries']).toEqual([{ 'api-key': 'sk-router', 'auth-index': liveId('router') }]);
  });

  it('the index follows the entry, not its position: deleting the first keeps the second one\'s; it is never written to the file', async () => {
    const second = (await served('gemini-api-key'))[1]?.['auth-index'];
    await fixture.call('DELETE', '/gemini-api-key?index=0');
    expect((await served('gemini-api-key'))[0]?.['auth-index']).toBe(second);
    // The panel sends entries back as it got them: the index is dropped on PUT and PATCH, also inside api-key-entries.
    await fixture.call('PUT', '/gemini-api-key', await served('gemini-api-key'));
    await fixture.call('PATCH', '/openai-compatibility', { name: 'router', value: { 'api-key-entries': [{ 'api-key': 'sk-router', 'auth-index': 'forged' }] } });
    expect(await fixture.text()).not.toContain('auth-index');
    expect((await served('gemini-api-key'))[0]?.['auth-index']).toBe(second);
  });

  it('entries nothing serves have none: a disabled openai-compatibility entry, an entry repeating another, a section without a provider', async () => {
    await fixture.call('PATCH', '/openai-compatibility', { name: 'router', value: { disabled: true } });
    expect((await served('openai-compatibility'))[0]?.['api-key-entries']).toEqual([{ 'api-key': 'sk-router' }]);
    await fixture.call('PUT', '/codex-api-key', [
      { 'api-key': 'sk-same', 'base-url': 'https://a.example.test' },
      { 'api-key': 'sk-same', 'base-url': 'https://a.example.test' },
    ]);
    expect((await served('codex-api-key')).map((entry) => entry['auth-index'] !== undefined)).toEqual([true, false]);
    await fixture.call('PUT', '/interactions-api-key', [{ 'api-key': 'ia-1' }]);
    expect(await served('interactions-api-key')).toEqual([{ 'api-key': 'ia-1' }]);
  });

  it('a keyless openai-compatibility entry carries it on the entry itself', async () => {
    await fixture.call('PUT', '/openai-compatibility', [{ name: 'local', 'base-url': 'http://127.0.0.1:9/v1' }]);
    expect(await served('openai-compatibility')).toEqual([{ name: 'local', 'base-url': 'http://127.0.0.1:9/v1', 'auth-index': liveId('local') }]);
  });
});
