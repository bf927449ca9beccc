import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInstallFacts } from './read-install-facts';

describe('readInstallFacts', () => {
  it('Linux: the AppImage from $APPIMAGE, the package type from resources/package-type', async () => {
    const resources = await mkdtemp(join(tmpdir(), 'cliproxy-resources-'));
    try {
      const base = { platform: 'linux' as const, isPackaged: true, resourcesPath: resources, exePath: '/opt/CLI Proxy Desktop/cli-proxy-desktop' };
      expect(readInstallFacts({ ...base, env: { APPIMAGE: '/home/me/CLI.AppImage' } })).toEqual({ platform: 'linux', isPackaged: true, appImage: '/home/me/CLI.AppImage', linuxPackageType: null, macSignature: null });
      await writeFile(join(resources, 'package-type'), 'deb\n');
      expect(readInstallFacts({ ...base, env: {} }).linuxPackageType).toBe('deb');
      expect(readInstallFacts({ ...base, env: {}, resourcesPath: undefined }).linuxPackageType).toBeNull();
    } finally {
      await rm(resources, { recursive: true, force: true });
    }
  });

  it('macOS: codesign is asked about the .app bundle that holds the executable; a failing codesign is "unknown"', () => {
    const asked: string[] = [];
    const facts = readInstallFacts({
      platform: 'darwin',
      isPackaged: true,
      env: {},
      resourcesPath: '/Applications/CLI Proxy Desktop.app/Contents/Resources',
      exePath: '/Applications/CLI Proxy Desktop.app/Contents/MacOS/CLI Proxy Desktop',
      runCodesign: (bundle) => (asked.push(bundle), 'Signature=adhoc\n'),
    });
    expect(asked).toEqual(['/Applications/CLI Proxy Desktop.app']);
    expect(facts.macSignature).toBe('ad-hoc');
    const failing = () => {
      throw new Error('spawn ENOENT');
    };
    expect(readInstallFacts({ platform: 'darwin', isPackaged: true, env: {}, resourcesPath: undefined, exePath: '/A.app/Contents/MacOS/A', runCodesign: failing }).macSignature).toBe('unknown');
    // Unpackaged: no codesign call at all.
    expect(readInstallFacts({ platform: 'darwin', isPackaged: false, env: {}, resourcesPath: undefined, exePath: '/x', runCodesign: failing }).macSignature).toBeNull();
  });
});
