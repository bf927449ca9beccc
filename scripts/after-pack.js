// electron-builder `afterPack` hook (electron-builder.yml). Packaging no longer rebuilds node_modules'
// better-sqlite3 for Electron in place (`npmRebuild: false`): that left the developer's copy built for
// Electron, and `npm test` / `npm run serve` then failed with NODE_MODULE_VERSION. Instead the native
// module is built for the target Electron and arch from a private copy, and put where the packaged app
// loads it (app.asar.unpacked). Runs before signing, so the mac signature covers it
// (https://www.electron.build/configuration#afterpack).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildElectronSqlite } from './build-electron-sqlite.js';

const require = createRequire(import.meta.url);
/** electron-builder's Arch enum (builder-util): ia32, x64, armv7l, arm64, universal. */
const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * Where the packaged app loads better-sqlite3's binary from.
 * @param {{ platform: string, appOutDir: string, productFilename: string }} target
 */
export function packagedSqlitePath({ platform, appOutDir, productFilename }) {
  const resources = platform === 'darwin' || platform === 'mas' ? join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources') : join(appOutDir, 'resources');
  return join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

export function archName(arch) {
  const name = archNames[arch];
  if (name === undefined || name === 'universal') throw new Error(`after-pack: cannot build better-sqlite3 for arch ${name ?? arch} (build each arch on its own)`);
  return name;
}

export default async function afterPack(context) {
  // The offline package smoke test (scripts/package-smoke.ts) cannot download Electron headers.
  if (process.env.CLIPROXY_SKIP_NATIVE_BUILD === '1') return;
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  buildElectronSqlite({
    electronVersion,
    arch: archName(context.arch),
    outFile: packagedSqlitePath({ platform: context.electronPlatformName, appOutDir: context.appOutDir, productFilename: context.packager.appInfo.productFilename }),
  });
}
