import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureConfigFile, generateClientApiKey, renderDefaultConfig } from './create-default-config';
import { loadConfigFile, parseConfigText } from './load-config';

describe('ensureConfigFile', () => {
  let folder = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-default-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates a loadable commented config with a random key, mode 0600', async () => {
    const path = join(folder, 'nested', 'config.yaml');
    const { created, apiKey } = await ensureConfigFile(path);
    expect(created).toBe(true);
    expect(apiKey).toMatch(/^sk-cliproxy-[A-Za-z0-9_-]{32}$/);

    const result = await loadConfigFile(path);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings).toEqual([]);
    expect(result.config).toMatchObject({
      host: '127.0.0.1',
      port: 8317,
      apiKeys: [apiKey],
      authDir: join(folder, 'nested', 'auths'),
      requestRetry: 3,
      maxRetryInterval: 30,
      routing: { strategy: 'round-robin' },
      proxyUrl: '',
      openaiCompatibility: [],
    });
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/# .*\nhost: /);
    expect(text).toMatch(/# .*\n(# .*\n)?api-keys:/);
    expect(text).toContain('# openai-compatibility:');
    expect(await readdir(join(folder, 'nested'))).toEqual(['config.yaml']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('does not touch an existing file', async () => {
    const path = join(folder, 'config.yaml');
    await writeFile(path, '# mine\nport: 9999\n');
    expect(await ensureConfigFile(path)).toEqual({ created: false, apiKey: null });
    expect(await readFile(path, 'utf8')).toBe('# mine\nport: 9999\n');
  });

  it('generates a different key for each new file', async () => {
    const first = await ensureConfigFile(join(folder, 'one', 'config.yaml'));
    const second = await ensureConfigFile(join(folder, 'two', 'config.yaml'));
    expect(first.apiKey).not.toBeNull();
    expect(first.apiKey).not.toBe(second.apiKey);
  });
});

describe('renderDefaultConfig', () => {
  it('writes any auth-dir path so it reads back unchanged (backslashes, quotes, spaces)', () => {
    const authDir = 'C:\\Users\\Jo "Q" Public\\AppData\\auths';
    const text = renderDefaultConfig({ apiKey: generateClientApiKey(), authDir });
    const result = parseConfigText(text, { configDir: tmpdir() });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.document.get('auth-dir')).toBe(authDir);
  });
});
