import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENTED_CONFIG, replaceLine, startConfigRoutes, type ConfigRoutesFixture } from './config-routes.fixture';

let fixture: ConfigRoutesFixture;
beforeEach(async () => {
  fixture = await startConfigRoutes();
});
afterEach(() => fixture.close());

describe('/oauth-excluded-models (docs/management-api.md#list-sections)', () => {
  it('GET returns the map', async () => {
    expect((await fixture.call('GET', '/oauth-excluded-models')).json()).toEqual({ 'oauth-excluded-models': { claude: ['claude-3-*'] } });
  });

  it('PATCH sets one channel (patterns normalized), matching an existing channel case-insensitively', async () => {
    await fixture.call('PATCH', '/oauth-excluded-models', { provider: 'Claude', models: [' Claude-2* ', 'claude-2*'] });
    expect(await fixture.text()).toBe(replaceLine(COMMENTED_CONFIG, '    - claude-3-* # old ones\n', '    - claude-2*\n'));
    await fixture.call('PATCH', '/oauth-excluded-models', { provider: 'codex', models: ['gpt-4*'] });
    expect(fixture.configFile.config().oauthExcludedModels).toEqual({ claude: ['claude-2*'], codex: ['gpt-4*'] });
  });

  it('PATCH with no models removes the channel; 404 provider not found when absent; 400 without provider', async () => {
    expect((await fixture.call('PATCH', '/oauth-excluded-models', { provider: 'claude', models: [] })).statusCode).toBe(200);
    expect((await fixture.call('GET', '/oauth-excluded-models')).json()).toEqual({ 'oauth-excluded-models': {} });
    const absent = await fixture.call('PATCH', '/oauth-excluded-models', { provider: 'qwen' });
    expect(absent.statusCode).toBe(404);
    expect(absent.json()).toEqual({ error: 'provider not found' });
    expect((await fixture.call('PATCH', '/oauth-excluded-models', { models: ['x'] })).json()).toEqual({ error: 'invalid body' });
  });

  it('PUT replaces only that section of the commented file', async () => {
    await fixture.call('PUT', '/oauth-excluded-models', { qwen: ['qwen3-*'] });
    expect(await fixture.text()).toBe(replaceLine(COMMENTED_CONFIG, '  claude:\n    - claude-3-* # old ones\n', '  qwen:\n    - qwen3-*\n'));
  });

  it('PUT replaces the map (map or {items}); DELETE ?provider= removes one channel', async () => {
    await fixture.call('PUT', '/oauth-excluded-models', { items: { Codex: ['A'], qwen: [] } });
    expect((await fixture.call('GET', '/oauth-excluded-models')).json()).toEqual({ 'oauth-excluded-models': { codex: ['a'] } });
    await fixture.call('PUT', '/oauth-excluded-models', { claude: ['x'], codex: ['y'] });
    expect((await fixture.call('DELETE', '/oauth-excluded-models?provider=claude')).json()).toEqual({ status: 'ok' });
    expect((await fixture.call('GET', '/oauth-excluded-models')).json()).toEqual({ 'oauth-excluded-models': { codex: ['y'] } });
    expect((await fixture.call('DELETE', '/oauth-excluded-models?provider=claude')).statusCode).toBe(404);
    expect((await fixture.call('DELETE', '/oauth-excluded-models')).json()).toEqual({ error: 'missing provider' });
    // The last channel gone, the key goes too (CPA); an emptied alias map stays `{}` (below).
    await fixture.call('DELETE', '/oauth-excluded-models?provider=codex');
    expect(await fixture.text()).not.toContain('oauth-excluded-models');
    expect((await fixture.call('GET', '/oauth-excluded-models')).json()).toEqual({ 'oauth-excluded-models': {} });
    expect((await fixture.call('PUT', '/oauth-excluded-models', { codex: [1] })).json()).toEqual({ error: 'invalid body' });
  });
});

describe('/oauth-model-alias (docs/management-api.md#list-sections)', () => {
  it('GET returns the map; PATCH by channel or provider sets one channel in place', async () => {
    expect((await fixture.call('GET', '/oauth-model-alias')).json()).toEqual({ 'oauth-model-alias': { codex: [{ name: 'gpt-5', alias: 'g5' }] } });
    await fixture.call('PATCH', '/oauth-model-alias', { channel: 'claude', aliases: [{ name: 'claude-sonnet-4-5', alias: 'sonnet', fork: true }] });
    await fixture.call('PATCH', '/oauth-model-alias', { provider: 'codex', aliases: [{ name: 'gpt-5', alias: 'five' }] });
    expect(await fixture.text()).toBe(
      replaceLine(COMMENTED_CONFIG, '      alias: g5\n', '      alias: five\n  claude:\n    - name: claude-sonnet-4-5\n      alias: sonnet\n      fork: true\n'),
    );
    expect(fixture.configFile.config().oauthModelAlias.codex).toMatchObject([{ name: 'gpt-5', alias: 'five' }]);
  });

  it('PATCH with no aliases removes the channel; DELETE ?channel= or ?provider=; PUT replaces', async () => {
    await fixture.call('PATCH', '/oauth-model-alias', { channel: 'codex', aliases: [] });
    expect((await fixture.call('GET', '/oauth-model-alias')).json()).toEqual({ 'oauth-model-alias': {} });
    expect((await fixture.call('PATCH', '/oauth-model-alias', { channel: 'codex', aliases: [] })).json()).toEqual({ error: 'channel not found' });
    await fixture.call('PUT', '/oauth-model-alias', { codex: [{ name: 'a', alias: 'b' }], claude: [{ name: 'c', alias: 'd' }] });
    await fixture.call('DELETE', '/oauth-model-alias?provider=codex');
    await fixture.call('DELETE', '/oauth-model-alias?channel=claude');
    expect((await fixture.call('GET', '/oauth-model-alias')).json()).toEqual({ 'oauth-model-alias': {} });
    expect(await fixture.text()).toContain('oauth-model-alias: {}');
    expect((await fixture.call('DELETE', '/oauth-model-alias')).json()).toEqual({ error: 'missing channel' });
    expect((await fixture.call('PUT', '/oauth-model-alias', { codex: ['not an object'] })).json()).toEqual({ error: 'invalid body' });
  });
});
