/**
 * `npm run pack:headless`: builds the engine bundle (vite.proxy.config.ts -> dist-proxy/) and the control
 * panel (dist-renderer/), lays out the headless npm package in release/headless/package/ and runs
 * `npm pack` there. Prints the tarball's path and sizes. `npm install -g <tarball>` then gives `cliproxy`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleImports, headlessPackageJson, type RootPackage } from './headless-package-json';

const root = join(import.meta.dirname, '..', '..');

export interface HeadlessPack {
  tarball: string;
  /** Bytes of the .tgz and of the files in it, as `npm pack` reports them. */
  size: number;
  unpackedSize: number;
  dependencies: Record<string, string>;
}

export function packHeadless(outDir = join(root, 'release', 'headless')): HeadlessPack {
  const vite = (config: string[]) => execFileSync('npx', ['vite', 'build', ...config, '--configLoader', 'runner', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  vite(['--config', 'vite.proxy.config.ts']);
  vite([]);
  const folder = join(outDir, 'package');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(folder, 'dist-proxy'), { recursive: true });
  // The launcher is the repository's own: it runs dist-proxy/cli.js, and would reach for tsx only if that were missing.
  cpSync(join(root, 'bin'), join(folder, 'bin'), { recursive: true });
  // Source maps stay out: they are twice the bundle's size and name only our own files.
  cpSync(join(root, 'dist-proxy', 'cli.js'), join(folder, 'dist-proxy', 'cli.js'));
  cpSync(join(root, 'dist-renderer'), join(folder, 'dist-renderer'), { recursive: true });
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as RootPackage;
  const manifest = headlessPackageJson(rootPackage, bundleImports(readFileSync(join(folder, 'dist-proxy', 'cli.js'), 'utf8')));
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(import.meta.dirname, 'package-readme.md'), join(folder, 'README.md'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: folder, encoding: 'utf8' })) as Array<{ filename: string; size: number; unpackedSize: number }>;
  const result = packed[0];
  if (!result) throw new Error('npm pack wrote no tarball');
  return { tarball: join(outDir, result.filename), size: result.size, unpackedSize: result.unpackedSize, dependencies: manifest.dependencies as Record<string, string> };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

if (process.argv[1] === import.meta.filename) {
  const pack = packHeadless();
  process.stdout.write(`${pack.tarball}\n  tarball ${kib(pack.size)}, unpacked ${kib(pack.unpackedSize)}\n  dependencies: ${Object.keys(pack.dependencies).join(', ')}\n`);
}
