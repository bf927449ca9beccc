import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/** CPA's config routes (docs/management-api.md#config-document, docs/management-api.md#scalar-settings, docs/management-api.md#list-sections) on a real engine: what they write is in the file and applies at once. */
const SECRET = 'config-routes-secret';
let proxy: TestEngine;
beforeEach(async () => {
  proxy = await startTestEngine({ 'remote-management': { 'secret-key': SECRET } });
});
afterEach(() => proxy.close());

const management = (method: string, path: string, body?: unknown, contentType = 'application/json') =>
  fetch(`${proxy.origin}/v0/management${path}`, {
    method,
    headers: { authorization: `Bearer ${SECRET}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const models = (key: string) => fetch(`${proxy.baseUrl}/models`, { headers: { authorization: `Bearer ${key}` } });

const COMMENTED = `# managed by the test
host: 127.0.0.1
port: 8317
remote-management:
  secret-key: "${SECRET}" # replaced by its hash on the next start
auth-dir: AUTH_DIR
api-keys:
  - ${testClientKey} # the test client
debug: false # quiet
some-later-key:
  nested: true # unknown to us, kept
`;

describe('management config routes on a running engine', () => {
  it('GET /config hides host, port, auth-dir and remote-management', async () => {
    const config = (await (await management('GET', '/config')).json()) as Record<string, unknown>;
    expect(config['api-keys']).toEqual([testClientKey]);
    for (const hidden of ['host', 'port', 'auth-dir', 'remote-management']) expect(config).not.toHaveProperty(hidden);
  });

  it('client keys changed through /api-keys apply to the next request', async () => {
    expect((await models('sk-new-client')).status).toBe(401);
    expect((await management('PATCH', '/api-keys', { old: 'absent', new: 'sk-new-client' })).status).toBe(200);
    expect((await models('sk-new-client')).status).toBe(200);
    expect((await management('DELETE', `/api-keys?value=${testClientKey}`)).status).toBe(200);
    expect((await models(testClientKey)).status).toBe(401);
    expect(await (await management('GET', '/api-keys')).json()).toEqual({ 'api-keys': ['sk-new-client'] });
  });

  it('a commented file put through /config.yaml survives a PATCH with only the edited value changed', async () => {
    const text = COMMENTED.replace('AUTH_DIR', proxy.authDir);
    const put = await management('PUT', '/config.yaml', text, 'application/yaml');
    expect(await put.json()).toEqual({ ok: true, changed: ['config'] });
    const stored = await readFile(proxy.configPath, 'utf8');
    // The plaintext secret was hashed on the way in; everything else is the text as sent.
    expect(stored).not.toContain(SECRET);
    const hash = /secret-key: (\S+)/.exec(stored)?.[1] ?? '';
    expect(stored).toBe(text.replace(`"${SECRET}"`, hash));
    expect((await management('PUT', '/debug', { value: true })).status).toBe(200);
    expect(await readFile(proxy.configPath, 'utf8')).toBe(stored.replace('debug: false # quiet', 'debug: true # quiet'));
    expect(await (await management('GET', '/config.yaml')).text()).toBe(await readFile(proxy.configPath, 'utf8'));
    // The key still works after its hash replaced it.
    expect(await (await management('GET', '/debug')).json()).toEqual({ debug: true });
  });

  it('an invalid PUT /config.yaml or PATCH leaves the file byte-identical and the engine serving', async () => {
    const before = await readFile(proxy.configPath, 'utf8');
    expect((await management('PUT', '/config.yaml', 'port: [', 'text/plain')).status).toBe(400);
    expect((await management('PUT', '/config.yaml', 'port: 99999\n', 'text/plain')).status).toBe(422);
    expect((await management('PATCH', '/request-retry', { value: -3 })).status).toBe(422);
    expect((await management('PATCH', '/routing/strategy', { value: 'random' })).status).toBe(400);
    expect((await management('PATCH', '/gemini-api-key', { index: 0, value: { prefix: 'x' } })).status).toBe(404);
    expect(await readFile(proxy.configPath, 'utf8')).toBe(before);
    expect((await models(testClientKey)).status).toBe(200);
  });

  it('a credential added through /openai-compatibility is served at once', async () => {
    const entry = { name: 'gateway', 'base-url': 'http://127.0.0.1:9/v1', models: [{ name: 'upstream-model', alias: 'gw-model' }] };
    expect((await management('PUT', '/openai-compatibility', [entry])).status).toBe(200);
    const listed = (await (await models(testClientKey)).json()) as { data: Array<{ id: string }> };
    expect(listed.data.map((model) => model.id)).toContain('gw-model');
    // As CPA lists it: the entry as stored, plus the auth-index of the credential serving it (an entry without keys carries it itself).
    expect(await (await management('GET', '/openai-compatibility')).json()).toEqual({ 'openai-compatibility': [{ ...entry, 'auth-index': expect.stringMatching(/^[0-9a-f]{16}$/) }] });
  });
});
