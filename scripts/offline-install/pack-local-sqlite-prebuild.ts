/**
 * This machine reaches the npm registry but not GitHub, where better-sqlite3's prebuild-install downloads
 * its prebuilt binary; without one, npm compiles SQLite from source (up to ~20 minutes on 2 busy cores).
 * The install checks (`npm run test:readme`, `npm run test:headless`) offer the binary this checkout's own
 * node_modules already built, as a local prebuild: prebuild-install looks in the folder named by
 * `npm_config_better_sqlite3_local_prebuilds` for `<name>-v<version>-node-v<abi>-<platform>-<arch>.tar.gz`.
 * On a networked machine the download gives the same file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Packs the checkout's better-sqlite3 binary into `folder`; returns the environment that points npm at it. */
export function packLocalSqlitePrebuild(projectRoot: string, folder: string): NodeJS.ProcessEnv {
  const packageDir = join(projectRoot, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(folder, { recursive: true });
  const tarball = join(folder, `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  execFileSync('tar', ['-czf', tarball, '-C', packageDir, 'build/Release/better_sqlite3.node']);
  return { npm_config_better_sqlite3_local_prebuilds: folder };
}
