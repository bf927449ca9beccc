import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENTED_CONFIG, replaceLine, startConfigRoutes, type ConfigRoutesFixture } from './config-routes.fixture';

let fixture: ConfigRoutesFixture;
beforeEach(async () => {
  fixture = await startConfigRoutes();
});
afterEach(() => fixture.close());

const keysLines = '  - sk-client-one # first\n  - sk-client-two\n';

describe('/api-keys (docs/management-api.md#list-sections)', () => {
  it('GET lists the keys', async () => {
    expect((await fixture.call('GET', '/api-keys')).json()).toEqual({ 'api-keys': ['sk-client-one', 'sk-client-two'] });
  });

  it('PUT replaces the list from an array or {items}, and the new keys apply live', async () => {
    expect((await fixture.call('PUT', '/api-keys', ['sk-a', 'sk-b'])).json()).toEqual({ status: 'ok' });
    expect(await fixture.text()).toBe(replaceLine(COMMENTED_CONFIG, keysLines, '  - sk-a\n  - sk-b\n'));
    expect((await fixture.call('PUT', '/api-keys', { items: ['sk-c'] })).statusCode).toBe(200);
    expect(fixture.configFile.config().apiKeys).toEqual(['sk-c']);
  });

  it('PUT refuses an empty {items}, non-strings and malformed JSON with 400 invalid body', async () => {
    for (const body of [{ items: [] }, [1, 2], { keys: ['x'] }, '[']) {
      const response = await fixture.call('PUT', '/api-keys', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toEqual({ error: 'invalid body' });
    }
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
  });

  it('PATCH {index, value} replaces one key in place, keeping its comment', async () => {
    expect((await fixture.call('PATCH', '/api-keys', { index: 0, value: 'sk-new' })).statusCode).toBe(200);
    expect(await fixture.text()).toBe(replaceLine(COMMENTED_CONFIG, 'sk-client-one # first', 'sk-new # first'));
  });

  it('PATCH {old, new} replaces the first equal key, or appends new when old is absent', async () => {
    await fixture.call('PATCH', '/api-keys', { old: 'sk-client-two', new: 'sk-two-b' });
    expect(await fixture.text()).toBe(replaceLine(COMMENTED_CONFIG, '  - sk-client-two\n', '  - sk-two-b\n'));
    await fixture.call('PATCH', '/api-keys', { old: 'sk-missing', new: 'sk-three' });
    expect((await fixture.call('GET', '/api-keys')).json()).toEqual({ 'api-keys': ['sk-client-one', 'sk-two-b', 'sk-three'] });
  });

  it('PATCH without usable fields answers 400 missing fields (an out-of-range index too)', async () => {
    for (const body of [{ index: 9, value: 'x' }, { old: 'a' }, {}]) {
      const response = await fixture.call('PATCH', '/api-keys', body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: 'missing fields' });
    }
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
  });

  it('DELETE ?index= removes one, ?value= removes every equal key', async () => {
    await fixture.call('PUT', '/api-keys', ['a', 'b', 'a', ' a ']);
    expect((await fixture.call('DELETE', '/api-keys?value=a')).json()).toEqual({ status: 'ok' });
    expect((await fixture.call('GET', '/api-keys')).json()).toEqual({ 'api-keys': ['b'] });
    await fixture.call('DELETE', '/api-keys?index=0');
    expect((await fixture.call('GET', '/api-keys')).json()).toEqual({ 'api-keys': [] });
  });

  it('DELETE without index or value answers 400; a value that matches nothing leaves the file untouched', async () => {
    const response = await fixture.call('DELETE', '/api-keys');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'missing index or value' });
    expect((await fixture.call('DELETE', '/api-keys?index=5')).statusCode).toBe(400);
    expect((await fixture.call('DELETE', '/api-keys?value=nope')).json()).toEqual({ status: 'ok' });
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
  });

  it('appends to a list that is absent from the file', async () => {
    await fixture.close();
    fixture = await startConfigRoutes('debug: true\n');
    await fixture.call('PATCH', '/api-keys', { old: 'x', new: 'sk-first' });
    expect(await fixture.text()).toBe('debug: true\napi-keys:\n  - sk-first\n');
  });
});
