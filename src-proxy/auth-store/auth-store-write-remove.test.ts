import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthStore, type AuthStoreChange } from './auth-store';
import { providerByAuthFileType } from '../providers/registry';

/** The management routes' store methods: upload (writeText), delete (remove), the skipped files and the file list. */
describe('AuthStore writeText / remove / skipped / fileNames', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'auth-store-write-'));
  });
  afterEach(async () => rm(folder, { recursive: true, force: true }));

  it('writes an auth file byte for byte with mode 0600 and tells the listeners once', async () => {
    const store = new AuthStore(join(folder, 'auths'), { providerByType: providerByAuthFileType });
    const changes: AuthStoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const text = '{"type":"claude","access_token":"tok","email":"x@example.com"}';
    const result = await store.writeText('claude-x.json', text);
    expect(result.ok).toBe(true);
    expect(await readFile(join(folder, 'auths', 'claude-x.json'), 'utf8')).toBe(text);
    expect((await stat(join(folder, 'auths', 'claude-x.json'))).mode & 0o777).toBe(0o600);
    expect(store.get('claude-x.json')?.email).toBe('x@example.com');
    expect(changes).toEqual([{ added: ['claude-x.json'], removed: [], changed: [] }]);
    // The watcher's rescan finds what we wrote: no second notice.
    expect(await store.rescan()).toEqual({ added: [], removed: [], changed: [] });
  });

  it('writes nothing for text that is not an auth file', async () => {
    const store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    expect(await store.writeText('bad.json', '{"type":"nope"}')).toEqual({ ok: false, reason: 'unknown "type"' });
    expect(await store.writeText('bad.json', 'not json')).toEqual({ ok: false, reason: 'not valid JSON' });
    expect(await store.fileNames()).toEqual([]);
  });

  it('removes a file, tells the listeners, and reports a missing one as false', async () => {
    await writeFile(join(folder, 'qwen-a.json'), '{"type":"qwen"}');
    const store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await store.rescan();
    const changes: AuthStoreChange[] = [];
    store.onChange((change) => changes.push(change));
    expect(await store.remove('qwen-a.json')).toBe(true);
    expect(store.get('qwen-a.json')).toBeUndefined();
    expect(changes).toEqual([{ added: [], removed: ['qwen-a.json'], changed: [] }]);
    expect(await store.remove('qwen-a.json')).toBe(false);
  });

  it('lists skipped files with their reason and every json file on disk', async () => {
    await writeFile(join(folder, 'broken.json'), '{');
    await writeFile(join(folder, 'ok.json'), '{"type":"iflow"}');
    await writeFile(join(folder, 'notes.txt'), 'x');
    const store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await store.rescan();
    expect([...store.skipped()]).toEqual([['broken.json', 'not valid JSON']]);
    expect(await store.fileNames()).toEqual(['broken.json', 'ok.json']);
    expect(await store.remove('broken.json')).toBe(true);
    expect(store.skipped().size).toBe(0);
  });
});
