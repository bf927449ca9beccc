import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic';

const posixModes = process.platform !== 'win32';

describe('writeFileAtomic', () => {
  let folder = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-atomic-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates missing folders (0700) and the file (0600), leaving no temp file', async () => {
    const path = join(folder, 'a', 'b', 'config.yaml');
    await writeFileAtomic(path, 'port: 8317\n');
    expect(await readFile(path, 'utf8')).toBe('port: 8317\n');
    expect(await readdir(join(folder, 'a', 'b'))).toEqual(['config.yaml']);
    if (posixModes) {
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(folder, 'a'))).mode & 0o777).toBe(0o700);
    }
  });

  it('replaces an existing file, tightening its mode, and leaves no temp file', async () => {
    const path = join(folder, 'config.yaml');
    await writeFile(path, 'old contents that are longer than the new ones\n', { mode: 0o644 });
    await writeFileAtomic(path, Buffer.from('new\n'));
    expect(await readFile(path, 'utf8')).toBe('new\n');
    expect(await readdir(folder)).toEqual(['config.yaml']);
    if (posixModes) expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('honours an explicit mode', async () => {
    const path = join(folder, 'public.txt');
    await writeFileAtomic(path, 'x', 0o640);
    if (posixModes) expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readFile(path, 'utf8')).toBe('x');
  });

  it('removes its temp file and keeps the old file when the rename fails', async () => {
    const path = join(folder, 'target');
    await writeFileAtomic(join(path, 'inside'), 'a folder now occupies the target name');
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['target']);
    expect(await readFile(join(path, 'inside'), 'utf8')).toBe('a folder now occupies the target name');
  });

  it('keeps every write whole when writes race', async () => {
    const path = join(folder, 'race.txt');
    const contents = Array.from({ length: 20 }, (_, index) => `writer ${index} `.repeat(5000));
    await Promise.all(contents.map((text) => writeFileAtomic(path, text)));
    expect(contents).toContain(await readFile(path, 'utf8'));
    expect(await readdir(folder)).toEqual(['race.txt']);
  });
});
