import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as undici from 'undici';
import { describe, expect, it } from 'vitest';
import { Agent, errors, loadUndici, ProxyAgent, Socks5ProxyAgent } from './undici-lean';

const projectRoot = join(import.meta.dirname, '..', '..');

/** Shipped modules (not tests) under the folders the app and the headless engine are built from. */
async function shippedModules(): Promise<string[]> {
  const folders = ['src-proxy', 'src-shared', 'src-main'];
  const files = (await Promise.all(folders.map(async (folder) => (await readdir(join(projectRoot, folder), { recursive: true })).map((file) => join(folder, file))))).flat();
  return files.filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
}

describe('undici-lean', () => {
  it('hands out the very classes undici exports, so errors match instanceof and agents work with its fetch', async () => {
    expect(Agent).toBe(undici.Agent);
    expect(ProxyAgent).toBe(undici.ProxyAgent);
    expect(Socks5ProxyAgent).toBe(undici.Socks5ProxyAgent);
    expect(errors).toBe(undici.errors);
    expect(errors.BodyTimeoutError).toBe(undici.errors.BodyTimeoutError);
    expect((await loadUndici()).request).toBe(undici.request);
  });

  it('is the only shipped module that loads undici at start: everything else imports its types only, or loads it on use', async () => {
    const valueImports: string[] = [];
    for (const file of await shippedModules()) {
      const source = await readFile(join(projectRoot, file), 'utf8');
      if (/^import (?!type )[^;]*from 'undici';/m.test(source)) valueImports.push(file);
    }
    expect(valueImports).toEqual([]);
  });
});
