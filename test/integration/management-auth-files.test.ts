import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codexIdToken } from '../fakes/codex-id-token';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { configKeyAuthIndex, startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * CPA's auth-file management routes (docs/management-api.md#auth-files, docs/management-api.md#credential-state) on a real engine: a temp auth-dir, the management key
 * guard, and the fake Anthropic upstream to prove an uploaded / enabled account is routed and a disabled or
 * deleted one is not. Every JSON answer is kept and scanned for the fixture secrets at the end.
 */
const secret = 'mgmt-secret-auth-files';
const accessToken = 'sk-ant-oat01-FIXTURE-ACCESS-7f3a';
const refreshToken = 'sk-ant-ort01-FIXTURE-REFRESH-9c1d';
const uploadedToken = 'sk-ant-oat01-FIXTURE-UPLOADED-55aa';
const codexAccess = 'codex-FIXTURE-ACCESS-0b0b';
const configKey = 'sk-ant-api03-FIXTURE-CONFIG-KEY-1234';
const secrets = [accessToken, refreshToken, uploadedToken, codexAccess, configKey];

let upstream: FakeAnthropicUpstream;
let proxy: TestEngine | undefined;
const answers: string[] = [];

beforeAll(async () => {
  upstream = await startFakeAnthropicUpstream({ name: 'auth-files' });
});
afterAll(async () => {
  await upstream.close();
  for (const answer of answers) for (const value of secrets) expect(answer).not.toContain(value);
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  upstream.reset();
});

function claudeFile(token: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'claude', access_token: token, refresh_token: refreshToken, expired: '2099-01-01T00:00:00Z', email: 'alice@example.com', ...extra };
}

async function start(files: Record<string, Record<string, unknown>> = {}, config: Record<string, unknown> = {}): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, 'request-retry': 0, 'disable-cooling': false, ...config },
    { authFiles: files, oauthEndpoints: { claude: { apiBase: upstream.baseUrl } } },
  );
  return proxy;
}

async function management(path: string, init: RequestInit = {}, key: string | null = secret): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  const response = await fetch(`${proxy?.origin}/v0/management${path}`, { ...init, headers });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  // The two answers that carry key material on purpose, as in CPA: the raw file, and config keys in
  // /api-key-usage (the same caller reads them in GET /config).
  if (!path.startsWith('/auth-files/download') && path !== '/api-key-usage') answers.push(text);
  return { status: response.status, body, text, headers: response.headers };
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function ask(model = 'claude-sonnet-4-6'): Promise<number> {
  const response = await fetch(`${proxy?.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
  });
  await response.text();
  return response.status;
}

type Entry = Record<string, unknown>;
const files = (body: unknown) => (body as { files: Entry[] }).files;

describe('GET /auth-files', () => {
  it('lists every file sorted by name with CPA fields, decoded Codex claims, broken files as error, and no secret', async () => {
    const engine = await start({
      'claude-alice.json': claudeFile(accessToken, { priority: 3, note: ' main ', last_refresh: '2026-11-26T10:00:00Z' }),
      'Codex-bob.json': { type: 'codex', access_token: codexAccess, refresh_token: refreshToken, id_token: codexIdToken('bob@example.com', 'acct-123'), email: 'bob@example.com', expired: '2099-01-01T00:00:00Z' },
      'gemini-off.json': { type: 'gemini', access_token: 'x', email: 'carol@example.com', project_id: 'proj-1', disabled: true },
    });
    await writeFile(join(engine.authDir, 'broken.json'), '{ not json');
    await engine.engine.reload();
    await expect.poll(async () => files((await management('/auth-files')).body).length).toBe(4);

    expect((await management('/auth-files', {}, null)).status).toBe(401);
    const listed = files((await management('/auth-files')).body);
    expect(listed.map((entry) => entry.name)).toEqual(['broken.json', 'claude-alice.json', 'Codex-bob.json', 'gemini-off.json']);
    const [broken, alice, bob, carol] = listed;
    expect(alice).toMatchObject({
      id: 'claude-alice.json',
      auth_index: expect.stringMatching(/^[0-9a-f]{16}$/),
      type: 'claude',
      provider: 'claude',
      label: 'alice@example.com',
      status: 'active',
      status_message: '',
      disabled: false,
      unavailable: false,
      runtime_only: false,
      source: 'file',
      path: join(engine.authDir, 'claude-alice.json'),
      email: 'alice@example.com',
      account_type: 'oauth',
      account: 'alice@example.com',
      priority: 3,
      note: 'main',
      last_refresh: '2026-11-26T10:00:00.000Z',
      success: 0,
      failed: 0,
    });
    expect(alice?.size).toBe((await stat(join(engine.authDir, 'claude-alice.json'))).size);
    expect(alice?.recent_requests).toHaveLength(20);
    expect(typeof alice?.modtime).toBe('string');
    expect(bob?.id_token).toEqual({ chatgpt_account_id: 'acct-123', plan_type: 'plus' });
    expect(carol).toMatchObject({ type: 'gemini-cli', status: 'disabled', disabled: true, project_id: 'proj-1' });
    expect(broken).toMatchObject({ status: 'error', status_message: 'invalid auth file: not valid JSON', unavailable: true });

    const byName = files((await management('/auth-files?name=claude-alice.json')).body);
    expect(byName.map((entry) => entry.name)).toEqual(['claude-alice.json']);
    const byIndex = files((await management(`/auth-files?auth_index=${String(bob?.auth_index)}`)).body);
    expect(byIndex.map((entry) => entry.name)).toEqual(['Codex-bob.json']);
  });

  it('answers the models a credential serves, the static catalogs, and 400 for missing or unknown input', async () => {
    await start({ 'claude-alice.json': claudeFile(accessToken) });
    const models = (await management('/auth-files/models?name=claude-alice.json')).body as { models: Array<{ id: string }> };
    expect(models.models.map((model) => model.id)).toContain('claude-sonnet-4-6');
    expect((await management('/auth-files/models?name=nope.json')).body).toEqual({ models: [] });
    expect(await management('/auth-files/models')).toMatchObject({ status: 400, body: { error: 'name is required' } });

    const claude = (await management('/model-definitions/claude')).body as { channel: string; models: Array<{ id: string }> };
    expect(claude.channel).toBe('claude');
    expect(claude.models.map((model) => model.id)).toContain('claude-sonnet-4-6');
    expect(((await management('/model-definitions?channel=Codex')).body as { channel: string }).channel).toBe('codex');
    expect(await management('/model-definitions/nope')).toMatchObject({ status: 400, body: { error: 'unknown channel', channel: 'nope' } });
    expect(await management('/model-definitions/constructor')).toMatchObject({ status: 400 });
  });
});

describe('GET /auth-files/download', () => {
  it('sends the raw file as an attachment and refuses traversal, other extensions and missing files', async () => {
    const engine = await start({ 'claude-alice.json': claudeFile(accessToken) });
    const download = await management('/auth-files/download?name=claude-alice.json');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="claude-alice.json"');
    expect(download.text).toBe(await readFile(join(engine.authDir, 'claude-alice.json'), 'utf8'));
    expect(await management('/auth-files/download?name=..%2Fconfig.yaml')).toMatchObject({ status: 400, body: { error: 'invalid name' } });
    expect(await management('/auth-files/download?name=..%5C..%5Csecret.json')).toMatchObject({ status: 400, body: { error: 'invalid name' } });
    expect(await management('/auth-files/download?name=config.yaml')).toMatchObject({ status: 400, body: { error: 'name must end with .json' } });
    expect(await management('/auth-files/download?name=missing.json')).toMatchObject({ status: 404, body: { error: 'file not found' } });
  });
});

describe('POST /auth-files', () => {
  it('uploads one multipart file (0600), which is routable at once', async () => {
    const engine = await start();
    expect(await ask()).not.toBe(200);
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(claudeFile(uploadedToken))], { type: 'application/json' }), 'claude-up.json');
    expect(await management('/auth-files', { method: 'POST', body: form })).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect((await stat(join(engine.authDir, 'claude-up.json'))).mode & 0o777).toBe(0o600);
    expect(await ask()).toBe(200);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${uploadedToken}`);
    expect(files((await management('/auth-files')).body)[0]).toMatchObject({ name: 'claude-up.json', status: 'active', success: 1, failed: 0 });
  });

  it('uploads several files with 207 for the bad ones, which are not written', async () => {
    const engine = await start();
    const form = new FormData();
    form.append('a', new Blob([JSON.stringify(claudeFile(uploadedToken))]), 'claude-one.json');
    form.append('b', new Blob(['{"type":"claude"}']), 'notes.txt');
    form.append('c', new Blob(['{"type":"nope"}']), 'unknown.json');
    form.append('d', new Blob(['{"type":"qwen"}']), 'qwen-two.json');
    const answer = await management('/auth-files', { method: 'POST', body: form });
    expect(answer).toMatchObject({
      status: 207,
      body: {
        status: 'partial',
        uploaded: 2,
        files: ['claude-one.json', 'qwen-two.json'],
        failed: [
          { name: 'notes.txt', error: 'file must be .json' },
          { name: 'unknown.json', error: 'invalid auth file: unknown "type"' },
        ],
      },
    });
    expect((await readdir(engine.authDir)).sort()).toEqual(['claude-one.json', 'qwen-two.json']);
  });

  it('takes a raw JSON body with ?name= and refuses bad names and non-auth JSON without writing', async () => {
    const engine = await start({ 'claude-alice.json': claudeFile(accessToken) });
    const body = JSON.stringify(claudeFile(uploadedToken, { email: 'raw@example.com' }));
    expect(await management('/auth-files?name=claude-raw.json', json('POST', JSON.parse(body)))).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await readFile(join(engine.authDir, 'claude-raw.json'), 'utf8')).toBe(body);
    expect(await management('/auth-files?name=../escape.json', json('POST', {}))).toMatchObject({ status: 400, body: { error: 'invalid name' } });
    expect(await management('/auth-files?name=sub%2Fx.json', json('POST', {}))).toMatchObject({ status: 400, body: { error: 'invalid name' } });
    expect(await management('/auth-files?name=x.yaml', json('POST', {}))).toMatchObject({ status: 400, body: { error: 'name must end with .json' } });
    expect(await management('/auth-files?name=x.json', json('POST', { type: 'nope' }))).toMatchObject({ status: 400, body: { error: 'invalid auth file: unknown "type"' } });
    expect(await management('/auth-files?name=x.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })).toMatchObject({ status: 400 });
    expect(await management('/auth-files', { method: 'POST', body: new FormData() })).toMatchObject({ status: 400 });
    expect((await readdir(engine.authDir)).sort()).toEqual(['claude-alice.json', 'claude-raw.json']);
    expect(await readdir(join(engine.authDir, '..'))).not.toContain('escape.json');
  });

  it('refuses uploads over 1 MiB with 413 and writes nothing', async () => {
    const engine = await start({ 'claude-alice.json': claudeFile(accessToken) });
    const huge = JSON.stringify(claudeFile(uploadedToken, { padding: 'x'.repeat(1024 * 1024) }));
    const form = new FormData();
    form.append('file', new Blob([huge]), 'claude-huge.json');
    expect(await management('/auth-files', { method: 'POST', body: form })).toMatchObject({ status: 413, body: { error: 'file too large' } });
    const raw = await management('/auth-files?name=claude-huge.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(raw).toMatchObject({ status: 413, body: { error: 'request body too large' } });
    expect(await readdir(engine.authDir)).toEqual(['claude-alice.json']);
  });
});

describe('PATCH /auth-files/status and /auth-files/fields', () => {
  it('disables a file account (persisted, not routed) and enables it again', async () => {
    const engine = await start({ 'claude-alice.json': claudeFile(accessToken) });
    expect(await ask()).toBe(200);
    expect(await management('/auth-files/status', json('PATCH', { name: 'claude-alice.json', disabled: true }))).toMatchObject({ status: 200, body: { status: 'ok', disabled: true } });
    expect(JSON.parse(await readFile(join(engine.authDir, 'claude-alice.json'), 'utf8'))).toMatchObject({ disabled: true, access_token: accessToken });
    const before = upstream.requests.length;
    expect(await ask()).not.toBe(200);
    expect(upstream.requests.length).toBe(before);
    expect(files((await management('/auth-files')).body)[0]).toMatchObject({ status: 'disabled', disabled: true });
    const { auth_index: authIndex } = files((await management('/auth-files')).body)[0] ?? {};
    expect(await management('/auth-files/status', json('PATCH', { auth_index: authIndex, disabled: false }))).toMatchObject({ status: 200, body: { disabled: false } });
    expect(await ask()).toBe(200);
  });

  it('refuses unknown accounts and bad bodies with CPA errors, changing nothing', async () => {
    const engine = await start({ 'claude-alice.json': claudeFile(accessToken) });
    const original = await readFile(join(engine.authDir, 'claude-alice.json'), 'utf8');
    expect(await management('/auth-files/status', json('PATCH', { name: 'nope.json', disabled: true }))).toMatchObject({ status: 404, body: { error: 'auth file not found' } });
    expect(await management('/auth-files/status', json('PATCH', { name: '../claude-alice.json', disabled: true }))).toMatchObject({ status: 404 });
    expect(await management('/auth-files/status', json('PATCH', { name: 'claude-alice.json', disabled: 'yes' }))).toMatchObject({ status: 400, body: { error: 'disabled is required' } });
    expect(await management('/auth-files/status', json('PATCH', { disabled: true }))).toMatchObject({ status: 400, body: { error: 'name is required' } });
    expect(await management('/auth-files/status', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '[' })).toMatchObject({ status: 400, body: { error: 'invalid request body' } });
    expect(await management('/auth-files/fields', json('PATCH', { name: 'claude-alice.json' }))).toMatchObject({ status: 400, body: { error: 'no fields to update' } });
    expect(await management('/auth-files/fields', json('PATCH', { name: 'claude-alice.json', access_token: 'x' }))).toMatchObject({ status: 400 });
    expect(await management('/auth-files/fields', json('PATCH', { name: 'claude-alice.json', priority: 'high' }))).toMatchObject({ status: 400, body: { error: 'priority must be an integer or null' } });
    expect(await management('/auth-files/fields', json('PATCH', { name: 'nope.json', note: 'x' }))).toMatchObject({ status: 404, body: { error: 'auth file not found' } });
    expect(await readFile(join(engine.authDir, 'claude-alice.json'), 'utf8')).toBe(original);
  });

  it('sets fields (kebab-case aliases too) that the list and the routing then use', async () => {
    const engine = await start({ 'claude-alice.json': claudeFile(accessToken) });
    const patch = { name: 'claude-alice.json', priority: 7, note: 'team key', prefix: 'team', 'excluded-models': ['claude-3-*'], headers: { 'X-Team': 'a' } };
    expect(await management('/auth-files/fields', json('PATCH', patch))).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(JSON.parse(await readFile(join(engine.authDir, 'claude-alice.json'), 'utf8'))).toMatchObject({ priority: 7, note: 'team key', prefix: 'team', excluded_models: ['claude-3-*'], access_token: accessToken });
    expect(files((await management('/auth-files')).body)[0]).toMatchObject({ priority: 7, note: 'team key' });
    expect(await ask('team/claude-sonnet-4-6')).toBe(200);
    expect(upstream.requests.at(-1)?.headers['x-team']).toBe('a');
  });

  it("keys GET /api-key-usage like CPA: '<base-url as written>|<api-key>', '' for an entry without base-url, compat entries under their lower-cased name", async () => {
    await start({}, {
      'gemini-api-key': [{ 'api-key': 'AIza-usage-one' }],
      'openai-compatibility': [{ name: 'Router', 'base-url': 'https://router.example.test/v1', 'api-key-entries': [{ 'api-key': 'sk-r1' }, { 'api-key': 'sk-r2' }] }],
    });
    const usage = (await management('/api-key-usage')).body as Record<string, Record<string, { success: number }>>;
    expect(Object.keys(usage).sort()).toEqual(['gemini', 'router']);
    expect(Object.keys(usage.gemini ?? {})).toEqual(['|AIza-usage-one']);
    expect(Object.keys(usage.router ?? {})).toEqual(['https://router.example.test/v1|sk-r1', 'https://router.example.test/v1|sk-r2']);
    expect(usage.router?.['https://router.example.test/v1|sk-r1']).toMatchObject({ success: 0, failed: 0 });
  });

  it("disables a config API key by adding '*' to its excluded-models, and enables it again", async () => {
    const engine = await start({}, { 'claude-api-key': [{ 'api-key': configKey, 'base-url': upstream.baseUrl, 'excluded-models': ['claude-3-*'] }] });
    expect(await ask()).toBe(200);
    const usage = (await management('/api-key-usage')).body as Record<string, Record<string, unknown>>;
    // CPA's key, the one the official panel looks its provider rows up by: the entry's base-url and api-key.
    expect(Object.keys(usage.claude ?? {})).toEqual([`${upstream.baseUrl}|${configKey}`]);
    const authIndex = configKeyAuthIndex('claude-api-key', upstream.baseUrl, configKey);
    // The engine feeds the counters from its request-finished events (docs/management-api.md#credential-state): the request above counted.
    const counted = usage.claude?.[`${upstream.baseUrl}|${configKey}`] as { success: number; failed: number; recent_requests: Array<{ success: number }> };
    expect(counted).toMatchObject({ success: 1, failed: 0 });
    expect(counted.recent_requests).toHaveLength(20);
    expect(counted.recent_requests.at(-1)?.success).toBe(1);
    const disabled = await management('/auth-files/status', json('PATCH', { auth_index: authIndex, disabled: true }));
    expect(disabled).toMatchObject({ status: 200, body: { status: 'ok', disabled: true, via: 'config:excluded-models', excluded_pattern: '*' } });
    expect(await readFile(engine.configPath, 'utf8')).toMatch(/excluded-models:\s*\n\s*- claude-3-\*\n\s*- "\*"/);
    expect(await ask()).not.toBe(200);
    expect(await management('/auth-files/status', json('PATCH', { auth_index: authIndex, disabled: false }))).toMatchObject({ status: 200, body: { disabled: false } });
    expect(await readFile(engine.configPath, 'utf8')).not.toContain('"*"');
    expect(await ask()).toBe(200);
  });
});

describe('POST /reset-quota', () => {
  it('shows a cooldown in the list and clears it for the credential', async () => {
    await start({ 'claude-alice.json': claudeFile(accessToken) });
    upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '600' } });
    expect(await ask()).toBe(429);
    const [cooling] = files((await management('/auth-files')).body);
    expect(cooling?.status_message).toMatch(/^cooling down until .* for claude-sonnet-4-6$/);
    expect(typeof cooling?.next_retry_after).toBe('string');
    expect(cooling).toMatchObject({ status: 'active', success: 0, failed: 1 });
    expect(await ask()).not.toBe(200);
    const reset = await management('/reset-quota', json('POST', { auth_index: cooling?.auth_index }));
    expect(reset).toMatchObject({ status: 200, body: { status: 'ok', auth_index: cooling?.auth_index, models: ['claude-sonnet-4-6'] } });
    expect(files((await management('/auth-files')).body)[0]).toMatchObject({ status: 'active', status_message: '' });
    expect(await ask()).toBe(200);
    expect(await management('/reset-quota', json('POST', { auth_index: '0000000000000000' }))).toMatchObject({ status: 404, body: { error: 'auth not found' } });
    expect(await management('/reset-quota', json('POST', {}))).toMatchObject({ status: 400, body: { error: 'auth_index is required' } });
  });
});

describe('DELETE /auth-files', () => {
  it('deletes by name (gone from list and routing), reports missing and unsafe names, and deletes all', async () => {
    const engine = await start({ 'claude-alice.json': claudeFile(accessToken), 'qwen-a.json': { type: 'qwen' }, 'qwen-b.json': { type: 'qwen' } });
    await writeFile(join(engine.authDir, 'broken.json'), '{');
    await writeFile(join(engine.authDir, 'keep.txt'), 'not an auth file');
    expect(await ask()).toBe(200);
    expect(await management('/auth-files?name=claude-alice.json', { method: 'DELETE' })).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await ask()).not.toBe(200);
    expect(files((await management('/auth-files')).body).map((entry) => entry.name)).not.toContain('claude-alice.json');
    expect(await management('/auth-files?name=claude-alice.json', { method: 'DELETE' })).toMatchObject({ status: 404, body: { error: 'auth file not found' } });
    expect(await management('/auth-files?name=..%2Fconfig.yaml', { method: 'DELETE' })).toMatchObject({ status: 400, body: { error: 'invalid name' } });
    expect(await management('/auth-files', { method: 'DELETE' })).toMatchObject({ status: 400, body: { error: 'invalid name' } });
    const batch = await management('/auth-files', json('DELETE', { name: 'qwen-a.json', names: ['missing.json'] }));
    expect(batch).toMatchObject({ status: 207, body: { status: 'partial', deleted: 1, files: ['qwen-a.json'], failed: [{ name: 'missing.json', error: 'auth file not found' }] } });
    expect(await management('/auth-files?all=true', { method: 'DELETE' })).toMatchObject({ status: 200, body: { status: 'ok', deleted: 2 } });
    expect(await readdir(engine.authDir)).toEqual(['keep.txt']);
    expect(await readFile(engine.configPath, 'utf8')).toContain('auth-dir');
  });
});
