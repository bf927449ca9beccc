// Builds better-sqlite3's native module for Electron (not for the Node that runs `npm test`) into
// `outFile`, from a private copy of the package, so node_modules' own build is never touched. Used by
// `npm start` (scripts/prepare-electron-native.js) and by packaging (scripts/after-pack.js). Needs the
// network: a prebuilt binary or Electron's headers are downloaded.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** @param {{ electronVersion: string, arch: string, outFile: string }} target */
export function buildElectronSqlite({ electronVersion, arch, outFile }) {
  const work = mkdtempSync(join(tmpdir(), 'cliproxy-electron-native-'));
  try {
    const moduleDir = join(work, 'node_modules', 'better-sqlite3');
    cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleDir, { recursive: true });
    rmSync(join(moduleDir, 'build'), { recursive: true, force: true });
    process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion} (${arch})…\n`);
    execFileSync(process.execPath, [require.resolve('@electron/rebuild/lib/cli.js'), '--version', electronVersion, '--arch', arch, '--module-dir', work, '--only', 'better-sqlite3', '--force'], {
      cwd: work,
      stdio: 'inherit',
    });
    mkdirSync(dirname(outFile), { recursive: true });
    cpSync(join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), outFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

