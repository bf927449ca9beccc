import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAuthData, withData } from './auth-record';
import { AuthStore, type AuthStoreChange } from './auth-store';
import { parseAuthTime } from './parse-auth-time';
import { providerByAuthFileType } from '../providers/registry';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('parseAuthTime', () => {
  it('reads RFC3339, the plain layout as UTC, and unix seconds or milliseconds', () => {
    expect(parseAuthTime('2026-11-26T20:00:00Z')).toBe(Date.UTC(2026, 10, 26, 20));
    expect(parseAuthTime('2026-11-26T15:00:00.5+01:00')).toBe(Date.UTC(2026, 10, 26, 14, 0, 0, 500));
    expect(parseAuthTime('2026-11-26 08:30')).toBe(Date.UTC(2026, 10, 26, 8, 30));
    expect(parseAuthTime('2026-11-26 08:30:15')).toBe(Date.UTC(2026, 10, 26, 8, 30, 15));
    expect(parseAuthTime(1764144000)).toBe(1764144000000);
    expect(parseAuthTime('1764144000')).toBe(1764144000000);
    expect(parseAuthTime(1764158400000)).toBe(1764158400000);
    expect(parseAuthTime('tomorrow')).toBeNull();
    expect(parseAuthTime(null)).toBeNull();
  });
});

describe('AuthStore', () => {
  let folder: string;
  const warnings: Array<Record<string, unknown>> = [];
  const logger = { warn: (details: Record<string, unknown>, message: string) => warnings.push({ ...details, message }) };

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'auth-store-'));
    warnings.length = 0;
  });
  afterEach(async () => rm(folder, { recursive: true, force: true }));

  it("loads CLIProxyAPI's auth files of every provider and skips bad ones by name, never by content", async () => {
    const store = new AuthStore(fixtures, { logger, providerByType: providerByAuthFileType });
    const change = await store.rescan();
    expect(change.added.sort()).toEqual(
      ['claude-alice@example.com.json', 'codex-0a1b2c3d-bob@example.com-plus.json', 'gemini-carol@example.com-my-project.json', 'iflow-erin@example.com-1764144000.json', 'qwen-dave.json'].sort(),
    );
    const claude = store.get('claude-alice@example.com.json');
    expect(claude).toMatchObject({
      provider: 'claude',
      email: 'alice@example.com',
      proxyUrl: 'socks5://127.0.0.1:1080',
      priority: 2,
      excludedModels: ['claude-3-*'],
      cloak: { mode: 'always', strictMode: true, sensitiveWords: ['ProjectX'], cacheUserId: false },
      expiresAt: Date.UTC(2026, 10, 26, 20),
      lastRefresh: Date.UTC(2026, 10, 26, 12),
    });
    expect(store.get('codex-0a1b2c3d-bob@example.com-plus.json')).toMatchObject({ provider: 'codex', prefix: 'work', expiresAt: Date.UTC(2026, 11, 6, 8, 30) });
    expect(store.get('gemini-carol@example.com-my-project.json')).toMatchObject({ provider: 'gemini-cli', disabled: true, expiresAt: Date.UTC(2026, 10, 26, 14, 0, 0, 123) });
    expect(store.get('qwen-dave.json')).toMatchObject({ provider: 'qwen', expiresAt: 1764158400000, lastRefresh: 1764144000000 });
    expect(store.get('iflow-erin@example.com-1764144000.json')).toMatchObject({ provider: 'iflow', headers: { 'X-Team': 'blue' }, expiresAt: 1764230400000 });
    expect(warnings.map((warning) => warning.file).sort()).toEqual(['broken.json', 'unknown-type.json']);
    expect(JSON.stringify(warnings)).not.toMatch(/secret|tok-unknown/);
  });

  it('saves atomically with mode 0600 and keeps unknown fields (kebab keys come back snake_case)', async () => {
    await cp(join(fixtures, 'claude-alice@example.com.json'), join(folder, 'claude-alice@example.com.json'));
    const store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await store.rescan();
    const record = store.get('claude-alice@example.com.json');
    if (!record) throw new Error('not loaded');
    await store.save(withData(record, { ...record.data, access_token: 'sk-ant-oat01-new' }));
    const saved = JSON.parse(await readFile(join(folder, record.id), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ access_token: 'sk-ant-oat01-new', timezone: 'Europe/Berlin', claude_account_profile_checked_at: '2026-11-26T12:00:00Z', proxy_url: 'socks5://127.0.0.1:1080', disabled: false });
    expect(saved['proxy-url']).toBeUndefined();
    if (process.platform !== 'win32') expect((await stat(join(folder, record.id))).mode & 0o777).toBe(0o600);
    expect((await store.rescan()).changed).toEqual([]);
  });

  it('creates a missing folder with mode 0700 on save', async () => {
    const nested = join(folder, 'auths');
    const store = new AuthStore(nested, { providerByType: providerByAuthFileType });
    await store.rescan();
    const parsed = parseAuthData('qwen-x.json', { type: 'qwen', access_token: 'a' }, providerByAuthFileType);
    if (!parsed.ok) throw new Error(parsed.reason);
    await store.save(parsed.record);
    if (process.platform !== 'win32') expect((await stat(nested)).mode & 0o777).toBe(0o700);
    expect(store.get('qwen-x.json')?.provider).toBe('qwen');
  });

  it('reports added, changed and removed files after the folder settles', async () => {
    const store = new AuthStore(folder, { debounceMs: 50, providerByType: providerByAuthFileType });
    await store.rescan();
    await store.watch();
    const changes: AuthStoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const file = join(folder, 'qwen-a.json');
    await writeFile(file, JSON.stringify({ type: 'qwen', access_token: 'a' }));
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(1);
    expect(changes[0]).toEqual({ added: ['qwen-a.json'], removed: [], changed: [] });
    await writeFile(file, JSON.stringify({ type: 'qwen', access_token: 'b' }));
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(2);
    expect(changes[1]?.changed).toEqual(['qwen-a.json']);
    await rm(file);
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(3);
    expect(changes[2]?.removed).toEqual(['qwen-a.json']);
    expect(store.list()).toEqual([]);
    store.close();
  });
});
