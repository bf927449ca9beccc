import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS npm script without types
import { CONTROL_PANEL_ENTRY, controlPanelBuildState } from '../../scripts/ensure-control-panel.js';

const buildState = controlPanelBuildState as (root: string) => 'missing' | 'stale' | 'fresh';

describe('npm run serve: the control panel is built only when missing or older than its sources', () => {
  let root: string;
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));
  async function fileAt(path: string, minutes: number): Promise<void> {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, 'x');
    await utimes(file, at(minutes), at(minutes));
    // A folder's mtime moves when a file is added (or deleted, which must rebuild too): pin the new
    // file's folders to the start so each case controls every time it compares.
    for (let folder = dirname(file); folder !== root; folder = dirname(folder)) await utimes(folder, at(0), at(0));
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cliproxy-panel-state-'));
    await fileAt('src-renderer/app/app.tsx', 10);
    await fileAt('src-shared/control-contract.ts', 10);
    await fileAt('vite.config.ts', 10);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('a fresh clone (no dist-renderer/) must build', () => {
    expect(buildState(root)).toBe('missing');
  });

  it('a build newer than every source is served as is', async () => {
    await fileAt(CONTROL_PANEL_ENTRY, 20);
    expect(buildState(root)).toBe('fresh');
  });

  it('a file deleted from a source folder after the build rebuilds (the folder itself changed)', async () => {
    await fileAt(CONTROL_PANEL_ENTRY, 20);
    await utimes(join(root, 'src-renderer/app'), at(30), at(30));
    expect(buildState(root)).toBe('stale');
  });

  it('a source changed after the build (a git pull, an edit) rebuilds, also deep in a folder', async () => {
    await fileAt(CONTROL_PANEL_ENTRY, 20);
    await fileAt('src-renderer/features/usage/usage-chart.tsx', 30);
    expect(buildState(root)).toBe('stale');
  });

  it('engine modules the Vite config imports and the lock file count as sources; other engine files do not', async () => {
    await fileAt(CONTROL_PANEL_ENTRY, 20);
    await fileAt('src-proxy/server/build-server.ts', 30);
    expect(buildState(root)).toBe('fresh');
    await fileAt('src-proxy/management/control-panel-csp.ts', 30);
    expect(buildState(root)).toBe('stale');
    await fileAt(CONTROL_PANEL_ENTRY, 40);
    await fileAt('package-lock.json', 50);
    expect(buildState(root)).toBe('stale');
  });
});
