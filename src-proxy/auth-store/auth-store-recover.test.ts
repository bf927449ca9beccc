import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthStore } from './auth-store';
import { providerByAuthFileType } from '../providers/registry';

/**
 * Regression (crash-safety suite, test/hardening): kill -9 between writing a refreshed auth file's temp file
 * and renaming it left the old, already rotated refresh token in place: the login was lost.
 */
describe('AuthStore finishes saves interrupted by a crash', () => {
  let folder: string;
  /** A pid that ran and exited: its temp files are leftovers, not saves in flight. */
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
  const temp = (name: string, pid = deadPid) => join(folder, `.${name}.${pid}.0123456789ab.tmp`);
  const claude = (token: string) => JSON.stringify({ type: 'claude', access_token: token, email: 'x@example.com' });

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'auth-store-recover-'));
  });
  afterEach(async () => rm(folder, { recursive: true, force: true }));

  it('renames a complete temp file of a dead process over its older target', async () => {
    await writeFile(join(folder, 'claude-x.json'), claude('old'));
    await utimes(join(folder, 'claude-x.json'), new Date(Date.now() - 5_000), new Date(Date.now() - 5_000));
    await writeFile(temp('claude-x.json'), claude('new'));
    const store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await store.rescan();
    expect(store.get('claude-x.json')?.data.access_token).toBe('new');
    expect(await readdir(folder)).toEqual(['claude-x.json']);
  });

  it('deletes a torn temp file and one older than its target, keeping the target', async () => {
    await writeFile(temp('claude-torn.json'), claude('new').slice(0, 20));
    await writeFile(join(folder, 'claude-torn.json'), claude('kept'));
    await writeFile(temp('claude-stale.json'), claude('stale'));
    await utimes(temp('claude-stale.json'), new Date(Date.now() - 5_000), new Date(Date.now() - 5_000));
    await writeFile(join(folder, 'claude-stale.json'), claude('current'));
    const store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await store.rescan();
    expect(store.get('claude-torn.json')?.data.access_token).toBe('kept');
    expect(JSON.parse(await readFile(join(folder, 'claude-stale.json'), 'utf8')).access_token).toBe('current');
    expect((await readdir(folder)).sort()).toEqual(['claude-stale.json', 'claude-torn.json']);
  });

  it('leaves the temp files of a running process alone (a save in flight)', async () => {
    await writeFile(temp('claude-live.json', process.pid), claude('in flight'));
    const store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await store.rescan();
    expect(store.get('claude-live.json')).toBeUndefined();
    expect(await readdir(folder)).toEqual([`.claude-live.json.${process.pid}.0123456789ab.tmp`]);
  });
});
