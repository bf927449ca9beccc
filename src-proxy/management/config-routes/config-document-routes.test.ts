import { rm, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBcryptHash } from '../management-secret';
import { COMMENTED_CONFIG, replaceLine, startConfigRoutes, type ConfigRoutesFixture } from './config-routes.fixture';

let fixture: ConfigRoutesFixture;
beforeEach(async () => {
  fixture = await startConfigRoutes();
});
afterEach(() => fixture.close());

const putYaml = (text: string, contentType = 'application/yaml') =>
  fixture.app.inject({ method: 'PUT', url: '/v0/management/config.yaml', payload: text, headers: { 'content-type': contentType } });

describe('GET /config', () => {
  it('is the file as JSON with YAML key names, unknown keys included, without host, port, auth-dir and remote-management', async () => {
    const response = await fixture.call('GET', '/config');
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body)).toEqual([
      'api-keys',
      'debug',
      'request-retry',
      'routing',
      'future-key',
      'gemini-api-key',
      'claude-api-key',
      'codex-api-key',
      'openai-compatibility',
      'oauth-excluded-models',
      'oauth-model-alias',
    ]);
    expect(body['gemini-api-key']).toEqual([
      { 'api-key': 'AIza-one', prefix: 'team', 'future-entry-key': 7 },
      { 'api-key': 'AIza-two', 'base-url': 'https://gemini.example.test' },
    ]);
    expect(body['future-key']).toBe('keep me');
  });

  it('shows the config that is serving, not a broken edit on disk that hot reload rejected', async () => {
    // A half-typed edit: valid YAML, but request-retry is no number and the new gemini key has a bad base-url.
    const broken = COMMENTED_CONFIG.replace('request-retry: 3 # rounds', 'request-retry: many').replace('  - api-key: AIza-two\n    base-url: https://gemini.example.test', '  - api-key: AIza-two\n    base-url: ftp://nope');
    await writeFile(fixture.path, broken);
    const reload = await fixture.configFile.reloadFromDisk();
    expect(reload.ok).toBe(false);
    const body = (await fixture.call('GET', '/config')).json<Record<string, unknown>>();
    expect(body['request-retry']).toBe(3);
    expect(body['gemini-api-key']).toEqual([
      { 'api-key': 'AIza-one', prefix: 'team', 'future-entry-key': 7 },
      { 'api-key': 'AIza-two', 'base-url': 'https://gemini.example.test' },
    ]);
    expect((await fixture.call('GET', '/request-retry')).json()).toEqual({ 'request-retry': 3 });
    // Once a valid file is applied, that one is shown.
    await writeFile(fixture.path, COMMENTED_CONFIG.replace('request-retry: 3 # rounds', 'request-retry: 4'));
    expect((await fixture.configFile.reloadFromDisk()).ok).toBe(true);
    expect((await fixture.call('GET', '/config')).json<Record<string, unknown>>()['request-retry']).toBe(4);
  });

  it('is {} for an empty file', async () => {
    await fixture.close();
    fixture = await startConfigRoutes('');
    expect((await fixture.call('GET', '/config')).json()).toEqual({});
  });
});

describe('GET /config.yaml', () => {
  it('returns the raw bytes with CPA headers', async () => {
    const response = await fixture.call('GET', '/config.yaml');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(COMMENTED_CONFIG);
    expect(response.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 404 not_found when the file is gone', async () => {
    await rm(fixture.path);
    const response = await fixture.call('GET', '/config.yaml');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: 'config file not found' });
  });
});

describe('PUT /config.yaml', () => {
  it('writes the text as sent (any content type), applies it and answers {ok, changed}', async () => {
    const next = replaceLine(COMMENTED_CONFIG, 'debug: false', 'debug: true # now on');
    for (const contentType of ['application/yaml', 'text/plain']) {
      const response = await putYaml(next, contentType);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true, changed: ['config'] });
    }
    expect(await fixture.text()).toBe(next);
    expect(fixture.configFile.config().debug).toBe(true);
  });

  it('answers 400 invalid_yaml with the line for broken YAML, writing nothing', async () => {
    const response = await putYaml('debug: true\napi-keys: [unclosed\n');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_yaml', message: expect.stringMatching(/^config\.yaml:\d+:\d+: /) });
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
  });

  it('answers 422 invalid_config with the key and line for a config that does not validate, writing nothing', async () => {
    const response = await putYaml('port: 8317\nrequest-retry: many\n');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ error: 'invalid_config', message: 'config.yaml:2:16: request-retry: expected a number, got text' });
    expect(await fixture.text()).toBe(COMMENTED_CONFIG);
    expect(fixture.applied).toEqual([]);
  });

  it('stores a plaintext secret-key as its bcrypt hash, like CPA after a reload', async () => {
    const next = replaceLine(COMMENTED_CONFIG, 'secret-key: "" # set by tests', 'secret-key: plain-secret # set by tests');
    expect((await putYaml(next)).statusCode).toBe(200);
    const hash = fixture.configFile.config().remoteManagement.secretKey;
    expect(isBcryptHash(hash)).toBe(true);
    expect(await fixture.text()).toBe(replaceLine(COMMENTED_CONFIG, 'secret-key: "" # set by tests', `secret-key: ${hash} # set by tests`));
  });
});
