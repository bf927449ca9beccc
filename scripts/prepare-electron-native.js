#!/usr/bin/env node
// `npm start` / `npm run dev`: the app runs in Electron, whose Node ABI differs from the Node that runs
// `npm test`. One node_modules serves both, so better-sqlite3's own binary stays built for Node (tests,
// `npm run serve`) and this script builds a second copy for Electron into `.electron-native/`, which
// Electron main hands to the engine (`sqliteNativeBinding`). Runs once per Electron version; needs the
// network the first time (Electron headers or a prebuilt binary). Packaged apps do not need it:
// packaging builds its own copy the same way (scripts/after-pack.js).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronSqlite } from './build-electron-sqlite.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const outDir = join(root, '.electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'electron-version.txt');

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === `${electronVersion} ${process.arch}`) process.exit(0);

try {
  buildElectronSqlite({ electronVersion, arch: process.arch, outFile: target });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(stamp, `${electronVersion} ${process.arch}\n`);
} catch (error) {
  process.stderr.write(
    `Could not build better-sqlite3 for Electron ${electronVersion}: ${error instanceof Error ? error.message : String(error)}\n` +
      'The app will start without usage history. This step needs network access to download Electron headers once.\n',
  );
}
