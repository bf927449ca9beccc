import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS build script without types
import { archName, packagedSqlitePath } from '../../scripts/after-pack.js';

describe('after-pack: better-sqlite3 built for Electron into the package, never in node_modules', () => {
  it('targets app.asar.unpacked inside the .app on macOS and resources/ elsewhere', () => {
    expect(packagedSqlitePath({ platform: 'darwin', appOutDir: '/out/mac-arm64', productFilename: 'CLI Proxy Desktop' })).toBe(
      '/out/mac-arm64/CLI Proxy Desktop.app/Contents/Resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    expect(packagedSqlitePath({ platform: 'linux', appOutDir: '/out/linux-unpacked', productFilename: 'x' })).toBe('/out/linux-unpacked/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  });
  it("maps electron-builder's Arch enum, refusing universal (each arch is built on its own)", () => {
    expect([0, 1, 2, 3].map(archName)).toEqual(['ia32', 'x64', 'armv7l', 'arm64']);
    expect(() => archName(4)).toThrow(/universal/);
  });
});

describe('package: macOS signing identity', () => {
  it('unsigned macOS build (electron-builder 26 skips signing without an identity): ad-hoc unless a certificate is configured', async () => {
    // @ts-expect-error plain JS build script without types
    const { macIdentityArgs } = (await import('../../scripts/package.js')) as { macIdentityArgs(env: Record<string, string>): string[] };
    expect(macIdentityArgs({})).toEqual(['-c.mac.identity=-']);
    expect(macIdentityArgs({ CSC_LINK: 'base64…' })).toEqual([]);
    expect(macIdentityArgs({ CSC_NAME: 'Dev (TEAM)' })).toEqual([]);
  });
});

describe('package: publishing', () => {
  it('publishes nothing unless asked (a GH_TOKEN in the environment alone must not upload a local build)', async () => {
    // @ts-expect-error plain JS build script without types
    const { publishArgs } = (await import('../../scripts/package.js')) as { publishArgs(args: string[]): string[] };
    expect(publishArgs(['--linux'])).toEqual(['--publish', 'never']);
    expect(publishArgs(['--mac', '--publish', 'always'])).toEqual([]);
    expect(publishArgs(['--publish=always'])).toEqual([]);
  });
});
