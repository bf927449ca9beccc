import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../src-shared/control/usage-types';
import { buildMessageBody, planReply } from '../fakes/fake-anthropic-bodies';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { compatEntry, startTestEngine, testClientKey } from './start-test-engine';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const claudeFile = { type: 'claude', email: 'ada@example.com', access_token: 'sk-ant-oat-secret', refresh_token: 'sk-ant-ort-secret', expired: '2099-01-01T00:00:00Z' };

describe('the engine control contract (what the desktop UI and the web panel call)', () => {
  it('connection.get gives base URLs per protocol and a masked key; reveal gives the key on request', async () => {
    const proxy = await startTestEngine({});
    cleanups.push(() => proxy.close());
    const connection = await proxy.engine.control.invoke('connection.get', {});
    expect(connection).toEqual({
      running: true,
      openaiBaseUrl: proxy.baseUrl,
      anthropicBaseUrl: proxy.origin,
      geminiBaseUrl: proxy.origin,
      apiKeyMasked: 'sk-test-…6789',
      lanAccess: false,
    });
    expect(JSON.stringify(connection)).not.toContain(testClientKey);
    expect(await proxy.engine.control.invoke('connection.revealApiKey', {})).toEqual({ apiKey: testClientKey });
  });

  it('accounts.list shows config keys and login accounts without secrets; setDisabled persists and stops routing', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'up' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['sk-upstream-secret'])] }, { authFiles: { 'claude-ada.json': claudeFile } });
    cleanups.push(() => proxy.close());
    const accounts = await proxy.engine.control.invoke('accounts.list', {});
    expect(accounts).toEqual([
      expect.objectContaining({ provider: 'openai-compatible', providerLabel: 'OpenAI-compatible', renewWith: null, kind: 'api-key', status: 'active', disabled: false }),
      expect.objectContaining({ id: 'claude-ada.json', provider: 'claude', providerLabel: 'Claude', renewWith: 'claude', kind: 'oauth', email: 'ada@example.com', status: 'active', expiresAt: Date.parse('2099-01-01T00:00:00Z') }),
    ]);
    expect(JSON.stringify(accounts)).not.toMatch(/secret/);

    const changed: string[][] = [];
    proxy.engine.control.on('accounts.changed', (list) => changed.push(list.map((account) => account.status)));
    const after = await proxy.engine.control.invoke('accounts.setDisabled', { id: 'claude-ada.json', disabled: true });
    expect(after[1]).toMatchObject({ status: 'disabled', disabled: true });
    expect(JSON.parse(await readFile(`${proxy.authDir}/claude-ada.json`, 'utf8'))).toMatchObject({ disabled: true, email: 'ada@example.com' });
    expect(changed.at(-1)).toEqual(['active', 'disabled']);
    await expect(proxy.engine.control.invoke('accounts.setDisabled', { id: 'nope.json', disabled: true })).rejects.toThrow("No account 'nope.json'");

    // An API key is disabled the CPA way: '*' in its entry's excluded-models, written to config.yaml.
    const keyId = after[0]?.id ?? '';
    const keyDisabled = await proxy.engine.control.invoke('accounts.setDisabled', { id: keyId, disabled: true });
    expect(keyDisabled[0]).toMatchObject({ kind: 'api-key', disabled: true, status: 'disabled' });
    expect(await readFile(proxy.configPath, 'utf8')).toMatch(/excluded-models:\s*\n\s*- "?\*"?/);
    await expect(proxy.engine.control.invoke('accounts.delete', { id: keyId })).rejects.toThrow('Config page');

    expect(await proxy.engine.control.invoke('accounts.delete', { id: 'claude-ada.json' })).toHaveLength(1);
    await expect(readFile(`${proxy.authDir}/claude-ada.json`, 'utf8')).rejects.toThrow();
  });

  it("logins.list offers the providers' logins; accounts carry their provider's label and renewing login; login.start refuses another name", async () => {
    const geminiFile = { type: 'gemini', access_token: 'x', email: 'carol@example.com', project_id: 'proj-1' };
    const proxy = await startTestEngine({}, { authFiles: { 'gemini-carol.json': geminiFile, 'mystery.json': { type: 'mystery', email: 'x@example.com' } } });
    cleanups.push(() => proxy.close());
    expect((await proxy.engine.control.invoke('logins.list', {})).map((offer) => `${offer.provider}:${offer.label}:${offer.flow}`)).toEqual([
      'claude:Claude:browser',
      'codex:Codex:browser',
      'gemini:Gemini:browser',
      'qwen:Qwen:device-code',
      'iflow:iFlow:browser',
      'kimi:Kimi:device-code',
      'xai:xAI:device-code',
      'antigravity:Antigravity:browser',
    ]);
    const accounts = await proxy.engine.control.invoke('accounts.list', {});
    expect(accounts.map((account) => [account.id, account.provider, account.providerLabel, account.renewWith])).toEqual([
      ['gemini-carol.json', 'gemini-cli', 'Gemini', 'gemini'],
      ['mystery.json', 'unknown', 'unknown', null],
    ]);
    await expect(proxy.engine.control.invoke('login.start', { provider: 'anthropic' })).rejects.toThrow("There is no login named 'anthropic'.");
  });

  it('config.read / validate / save: invalid text changes nothing, valid text keeps comments and applies', async () => {
    const proxy = await startTestEngine({});
    cleanups.push(() => proxy.close());
    const { text, path } = await proxy.engine.control.invoke('config.read', {});
    expect(path).toBe(proxy.configPath);
    const commented = `# my settings\n${text}`;
    expect(await proxy.engine.control.invoke('config.save', { text: commented })).toEqual({ saved: true, unchanged: false, restartRequired: [], listenerRestart: false });

    const invalid = `${commented}request-retry: often\n`;
    const check = await proxy.engine.control.invoke('config.validate', { text: invalid });
    expect(check).toMatchObject({ ok: false, kind: 'config', problems: [{ path: 'request-retry', line: expect.any(Number) }] });
    expect(await proxy.engine.control.invoke('config.save', { text: invalid })).toMatchObject({ saved: false, kind: 'config' });
    expect(await proxy.engine.control.invoke('config.save', { text: 'port: [\n' })).toMatchObject({ saved: false, kind: 'yaml' });
    expect(await readFile(proxy.configPath, 'utf8')).toBe(commented);

    expect(await proxy.engine.control.invoke('config.save', { text: `${commented}request-retry: 7\n` })).toMatchObject({ saved: true });
    expect(proxy.engine.configFile.config().requestRetry).toBe(7);
    expect(await readFile(proxy.configPath, 'utf8')).toContain('# my settings');

    // The structured settings forms: a few keys set or removed, comments kept, invalid values refused.
    expect(await proxy.engine.control.invoke('config.setValues', { values: [{ path: ['routing', 'strategy'], value: 'fill-first' }, { path: ['request-retry'], value: null }] })).toMatchObject({ saved: true });
    expect(proxy.engine.configFile.config().routing.strategy).toBe('fill-first');
    const afterForm = await readFile(proxy.configPath, 'utf8');
    expect(afterForm).toContain('# my settings');
    expect(afterForm).not.toContain('request-retry');
    expect(await proxy.engine.control.invoke('config.setValues', { values: [{ path: ['port'], value: 'eighty' }] })).toMatchObject({ saved: false, kind: 'config', problems: [expect.objectContaining({ path: 'port' })] });
    expect(await readFile(proxy.configPath, 'utf8')).toBe(afterForm);
  });

  it('requests.recent and the request.finished event carry each proxied request', async () => {
    const upstream = await startFakeOpenAIUpstream({ name: 'up' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('up', upstream.baseUrl, ['k'])] });
    cleanups.push(() => proxy.close());
    const seen: RequestSummary[] = [];
    proxy.engine.control.on('request.finished', (summary) => seen.push(summary));
    const client = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'one' }] });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'two' }] });
    for (let waited = 0; seen.length < 2 && waited < 2_000; waited += 20) await delay(20);
    expect(seen.map((summary) => [summary.route, summary.model, summary.status])).toEqual([
      ['/v1/chat/completions', 'm', 200],
      ['/v1/chat/completions', 'm', 200],
    ]);
    const recent = await proxy.engine.control.invoke('requests.recent', { limit: 10 });
    expect(recent.map((summary) => summary.id)).toEqual([seen[1]?.id, seen[0]?.id]);
  });

  it('clients.* connect Claude Code to this engine and disconnect restores the settings file exactly', async () => {
    const proxy = await startTestEngine({});
    cleanups.push(() => proxy.close());
    const settingsPath = join(proxy.homeDir, '.claude', 'settings.json');
    await mkdir(join(proxy.homeDir, '.claude'), { recursive: true });
    const original = '{\n  "model": "opus"\n}\n';
    await writeFile(settingsPath, original);
    const preview = await proxy.engine.control.invoke('clients.preview', { id: 'claude-code' });
    expect(preview.path).toBe(settingsPath);
    expect(JSON.stringify(preview)).not.toContain(testClientKey);
    expect(await proxy.engine.control.invoke('clients.connect', { id: 'claude-code' })).toMatchObject({ state: 'connected' });
    expect(JSON.parse(await readFile(settingsPath, 'utf8'))).toEqual({ model: 'opus', env: { ANTHROPIC_BASE_URL: proxy.origin, ANTHROPIC_AUTH_TOKEN: testClientKey } });
    expect(await proxy.engine.control.invoke('clients.disconnect', { id: 'claude-code' })).toMatchObject({ state: 'not-connected' });
    expect(await readFile(settingsPath, 'utf8')).toBe(original);
  });
});

describe('quota through the engine control contract', () => {
  it('quota.get shows the windows a Claude answer reported, keyed like accounts.list', async () => {
    const upstream = await startFakeAnthropicUpstream({ name: 'quota' });
    cleanups.push(() => upstream.close());
    const proxy = await startTestEngine({ 'request-retry': 0 }, { authFiles: { 'claude-ada.json': claudeFile }, oauthEndpoints: { claude: { apiBase: upstream.baseUrl } } });
    cleanups.push(() => proxy.close());
    upstream.enqueue({
      kind: 'status',
      status: 200,
      body: buildMessageBody(planReply({ serial: 1, body: { model: 'claude-sonnet-4-6' }, defaultText: 'hi' })),
      headers: { 'anthropic-ratelimit-unified-5h-utilization': '0.5', 'anthropic-ratelimit-unified-5h-reset': '1790814600', 'anthropic-ratelimit-unified-5h-status': 'allowed' },
    });
    const client = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0 });
    await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] });
    const quotas = await proxy.engine.control.invoke('quota.get', {});
    expect(quotas).toEqual([
      {
        accountId: 'claude-ada.json',
        windows: [{ id: '5h', label: '5-hour', usedPercent: 50, resetsAt: 1_790_814_600_000, status: 'ok' }],
        updatedAt: expect.any(Number),
        error: null,
        // The reset is long past on the test machine's clock: the forecast says so instead of guessing.
        forecasts: [expect.objectContaining({ windowId: '5h', state: 'unknown', reason: expect.stringMatching(/reset since the last reading/) })],
        unknown: null,
      },
    ]);
    expect((await proxy.engine.control.invoke('accounts.list', {})).map((account) => account.id)).toEqual(['claude-ada.json']);
    await expect(proxy.engine.control.invoke('quota.get', { id: 'nope.json', refresh: true })).rejects.toThrow("No account 'nope.json'");
  });
});
