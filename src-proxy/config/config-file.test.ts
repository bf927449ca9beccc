import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFile } from './config-file';
import { setConfigValue } from './config-document';
import type { EngineConfig } from './engine-config';
import { parseConfigText } from './load-config';

const original = `# Proxy settings
port: 8317 # the port tools connect to
api-keys:
  - sk-one # laptop
some-future-key: keep me
`;

const folders: string[] = [];
afterEach(async () => {
  while (folders.length) await rm(folders.pop() ?? '', { recursive: true, force: true });
});

async function setup(text = original) {
  const folder = await mkdtemp(join(tmpdir(), 'config-file-'));
  folders.push(folder);
  const path = join(folder, 'config.yaml');
  await writeFile(path, text);
  const parsed = parseConfigText(text, { configDir: folder });
  if (!parsed.ok) throw new Error('fixture invalid');
  const applied: EngineConfig[] = [];
  const file = new ConfigFile({
    path,
    initial: { config: parsed.config, text },
    apply: (config) => {
      applied.push(config);
      return { restartRequired: [], listenerRestart: false };
    },
  });
  return { file, path, applied };
}

describe('ConfigFile', () => {
  it('edits one value and keeps comments, order and unknown keys', async () => {
    const { file, path, applied } = await setup();
    const result = await file.edit((document) => setConfigValue(document, ['request-retry'], 5));
    expect(result).toMatchObject({ ok: true, unchanged: false });
    expect(await readFile(path, 'utf8')).toBe(`${original}request-retry: 5\n`);
    expect(applied.map((config) => config.requestRetry)).toEqual([5]);
    expect(file.config().requestRetry).toBe(5);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('leaves the file alone when an edit changes nothing, even if the yaml library would lay it out differently', async () => {
    const { file, path, applied } = await setup('port:    8317\napi-keys: [ "sk-one" ]\n');
    expect(await file.edit(() => undefined)).toMatchObject({ ok: true, unchanged: true });
    expect(await readFile(path, 'utf8')).toBe('port:    8317\napi-keys: [ "sk-one" ]\n');
    expect(applied).toEqual([]);
  });

  it('refuses an edit that makes the config invalid and writes nothing', async () => {
    const { file, path, applied } = await setup();
    const result = await file.edit((document) => setConfigValue(document, ['port'], 'not a port'));
    expect(result).toMatchObject({ ok: false, kind: 'invalid_config', problems: [expect.objectContaining({ path: 'port' })] });
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(applied).toEqual([]);
  });

  it('tells broken YAML from a valid YAML that is not a valid config', async () => {
    const { file, path } = await setup();
    expect(await file.replaceText('port: [unclosed\n')).toMatchObject({ ok: false, kind: 'invalid_yaml' });
    expect(await file.replaceText('port: -5\n')).toMatchObject({ ok: false, kind: 'invalid_config' });
    expect(file.validate('port: 9000\n')).toEqual({ ok: true });
    expect(await readFile(path, 'utf8')).toBe(original);
  });

  it('runs concurrent edits one after another so neither is lost', async () => {
    const { file, path } = await setup();
    await Promise.all([
      file.edit((document) => setConfigValue(document, ['request-retry'], 2)),
      file.edit((document) => setConfigValue(document, ['max-retry-interval'], 9)),
      file.edit((document) => setConfigValue(document, ['debug'], true)),
    ]);
    const text = await readFile(path, 'utf8');
    expect(text).toContain('request-retry: 2');
    expect(text).toContain('max-retry-interval: 9');
    expect(text).toContain('debug: true');
    expect(text).toContain('# the port tools connect to');
  });

  it('reloads from disk only when the content changed, and keeps the old config on an invalid file', async () => {
    const { file, path, applied } = await setup();
    expect(await file.reloadFromDisk()).toMatchObject({ ok: true, unchanged: true });
    await writeFile(path, `${original}debug: true\n`);
    expect(await file.reloadFromDisk()).toMatchObject({ ok: true, unchanged: false });
    expect(file.config().debug).toBe(true);
    await writeFile(path, 'debug: maybe\n');
    expect(await file.reloadFromDisk()).toMatchObject({ ok: false, kind: 'invalid_config' });
    expect(file.config().debug).toBe(true);
    expect(file.lastProblems()).toEqual([expect.objectContaining({ path: 'debug' })]);
    // An editor truncating the file mid-save is not a new (empty) config.
    await writeFile(path, '');
    expect(await file.reloadFromDisk()).toMatchObject({ ok: true, unchanged: true });
    expect(applied).toHaveLength(1);
  });
});
