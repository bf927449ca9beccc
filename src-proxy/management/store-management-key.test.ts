import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { managementKeyProblem, storeManagementKey } from './store-management-key';

const KEY = 'panel-key-0123456789';

describe('storeManagementKey (cliproxy set-management-key)', () => {
  let folder: string;
  let configPath: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-mgmt-key-'));
    configPath = join(folder, 'config.yaml');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const secretIn = async (): Promise<string> => (parse(await readFile(configPath, 'utf8')) as { 'remote-management': { 'secret-key': string } })['remote-management']['secret-key'];

  it('writes the bcrypt hash, never the key, and keeps comments, order and unknown keys', async () => {
    await writeFile(configPath, '# my proxy\nport: 8317 # the port\napi-keys: ["k1"]\nsome-later-key: true\n');
    expect(await storeManagementKey(configPath, KEY)).toEqual({ ok: true, replacedKey: false });
    const text = await readFile(configPath, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text.startsWith('# my proxy\nport: 8317 # the port\napi-keys: ["k1"]\nsome-later-key: true\n')).toBe(true);
    const secret = await secretIn();
    expect(secret).toMatch(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare(KEY, secret)).toBe(true);
  });

  it('replaces an existing key inside an existing remote-management section, keeping its other keys', async () => {
    await writeFile(configPath, 'remote-management:\n  allow-remote: false # loopback only\n  secret-key: "old-plain-key"\n');
    expect(await storeManagementKey(configPath, KEY)).toEqual({ ok: true, replacedKey: true });
    const text = await readFile(configPath, 'utf8');
    expect(text).toContain('allow-remote: false # loopback only');
    expect(text).not.toContain('old-plain-key');
    expect(await bcrypt.compare(KEY, await secretIn())).toBe(true);
  });

  it('refuses short keys and keys with spaces, and leaves the file alone', async () => {
    await writeFile(configPath, 'port: 8317\n');
    expect(managementKeyProblem('short')).toMatch(/at least 8/);
    expect(managementKeyProblem('has a space')).toMatch(/no spaces/);
    expect(managementKeyProblem(KEY)).toBeNull();
    expect(await storeManagementKey(configPath, 'has a space')).toMatchObject({ ok: false });
    expect(await readFile(configPath, 'utf8')).toBe('port: 8317\n');
  });

  it('refuses a config that does not validate, naming the problem, and leaves it alone', async () => {
    await writeFile(configPath, 'port: "lots"\n');
    const result = await storeManagementKey(configPath, KEY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/config\.yaml:1:\d+: port/);
    expect(await readFile(configPath, 'utf8')).toBe('port: "lots"\n');
  });
});
