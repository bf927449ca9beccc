/**
 * Packaging smoke check that runs offline (`npm run package:smoke`, part of `npm test`): build, then
 * `electron-builder --dir` for Linux with a stand-in Electron distribution (the real binary cannot be
 * downloaded here) and without building better-sqlite3 for Electron (scripts/after-pack.js downloads
 * Electron headers), and check what went into app.asar: every runtime file the app loads, nothing that
 * must not ship, only native binaries unpacked, and node_modules' own better-sqlite3 left as it was.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { undiciStartFiles } from '../src-proxy/http/undici-lean';
import { bundledLicences } from '../vite.main.config';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cliproxy-package-'));
const problems: string[] = [];

const nodeSqlite = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const fingerprint = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'missing');

try {
  const nodeSqliteBefore = fingerprint(nodeSqlite);
  run('npm', ['run', 'build', '--silent']);
  // ASCII only, or V8 holds the whole bundle's source two bytes per character (vite.main.config.ts).
  for (const bundle of ['dist-main/main.js', 'dist-proxy/cli.js']) {
    const text = readFileSync(join(root, bundle), 'utf8');
    const offset = text.search(/[^\x00-\x7f]/);
    if (offset >= 0) problems.push(`${bundle} is not ASCII only: ${JSON.stringify(text.slice(Math.max(0, offset - 40), offset + 20))}`);
    // zod is bundled, tree-shaken (vite.main.config.ts, bundledPackages): its entry would load ~100 files at start.
    if (/\bfrom "zod[/"]/.test(text)) problems.push(`${bundle} imports zod at run time instead of bundling it`);
    if (!text.startsWith(bundledLicences())) problems.push(`${bundle} does not start with the bundled packages' licences`);
  }
  const electronDist = join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', electronDist]);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  const output = join(work, 'release');
  run('npx', ['electron-builder', '--dir', '--linux', '--x64', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`, '--publish', 'never'], { CLIPROXY_SKIP_NATIVE_BUILD: '1' });
  if (fingerprint(nodeSqlite) !== nodeSqliteBefore) problems.push("packaging changed node_modules' better-sqlite3 build (npm test would fail with NODE_MODULE_VERSION)");

  const resources = join(output, 'linux-unpacked', 'resources');
  const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((path) => path.replaceAll('\\', '/'));
  const has = (path: string) => files.includes(path);
  for (const required of ['/package.json', '/dist-main/main.js', '/dist-main/preload.cjs', '/dist-proxy/cli.js', '/dist-renderer/index.html', '/assets/icon.png', '/assets/tray-running.png', '/assets/tray-runningTemplate.png', '/node_modules/fastify/package.json', '/node_modules/better-sqlite3/package.json', '/node_modules/electron-store/package.json', '/node_modules/electron-updater/package.json', ...Object.values(undiciStartFiles).map((file) => `/node_modules/${file}`)]) {
    if (!has(required)) problems.push(`missing from app.asar: ${required}`);
  }
  if (!files.some((path) => /^\/dist-renderer\/management\/assets\/index-[^/]+\.js$/.test(path))) problems.push('missing from app.asar: the renderer bundle');
  const forbidden: Array<[RegExp, string]> = [
    [/\.map$/, 'source maps'],
    [/^\/(src-proxy|src-main|src-renderer|src-shared|test|bench|scripts)\//, 'sources or tests'],
    [/^\/assets\/source\//, 'icon sources'],
    [/^\/node_modules\/(vitest|vite|typescript|react|react-dom|openai|@anthropic-ai|@google|playwright-core|electron|electron-builder|tsx|esbuild|recharts|@codemirror)\//, 'a dev-only package'],
    [/(^|\/)\.env$|config\.yaml$|\.sqlite$/, 'local config, secrets or data'],
    [/^\/node_modules\/better-sqlite3\/(deps|src|build\/Release\/obj)/, "better-sqlite3's sources or object files"],
  ];
  for (const [pattern, what] of forbidden) {
    const found = files.filter((path) => pattern.test(path));
    if (found.length > 0) problems.push(`${what} in app.asar: ${found.slice(0, 3).join(', ')}${found.length > 3 ? ` and ${found.length - 3} more` : ''}`);
  }
  const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
  if (!existsSync(unpacked) || !readdirSync(unpacked).includes('better_sqlite3.node')) problems.push('better-sqlite3 native module not unpacked from app.asar');
  const unpackedFiles = listFiles(join(resources, 'app.asar.unpacked'));
  const notNative = unpackedFiles.filter((path) => !path.endsWith('.node'));
  if (notNative.length > 0) problems.push(`unpacked besides native binaries: ${notNative.slice(0, 3).join(', ')}${notNative.length > 3 ? ` and ${notNative.length - 3} more` : ''}`);
  if (unpackedFiles.some((path) => path.endsWith('test_extension.node'))) problems.push("better-sqlite3's test extension is shipped");
  // electron-updater reads the feed from resources/app-update.yml, written from electron-builder.yml's `publish`.
  const updateConfig = join(resources, 'app-update.yml');
  if (!existsSync(updateConfig)) problems.push('no resources/app-update.yml: the packaged app would have no update feed');
  else if (!/^provider: github$/m.test(readFileSync(updateConfig, 'utf8'))) problems.push(`app-update.yml does not name the GitHub feed: ${readFileSync(updateConfig, 'utf8')}`);

  if (problems.length > 0) {
    process.stderr.write(`package smoke check failed:\n  ${problems.join('\n  ')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`package smoke check passed: ${files.length} entries in app.asar, better-sqlite3 unpacked\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
}

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
