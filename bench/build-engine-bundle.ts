import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { createNodeBundleConfig } from '../vite.main.config';

/**
 * Where the measured bundles go, one folder each (a build empties its folder): inside this checkout
 * (ignored by git), so packages resolve from its node_modules, and never shared with another checkout
 * whose node_modules is the same folder (a worktree with a linked node_modules would otherwise measure
 * whichever checkout built last).
 */
const cacheDir = 'dist-bench';

async function bundle(entry: string, folder: string, fileName: string): Promise<string> {
  const outDir = `${cacheDir}/${folder}`;
  await build({ ...createNodeBundleConfig({ entry, outDir, fileName }), configFile: false, logLevel: 'error' });
  return join(import.meta.dirname, '..', outDir, fileName);
}

/**
 * The engine as it ships: src-proxy bundled by the same Vite settings as dist-proxy/cli.js. Running
 * the TypeScript source through tsx instead costs the engine about a tenth more CPU per request
 * (esbuild's keepNames wraps every closure it creates), which the product never pays.
 */
export function buildEngineBundle(): Promise<string> {
  return bundle('src-proxy/index.ts', 'cliproxy-bench', 'engine.js');
}

/**
 * `cliproxy` as it ships, built fresh from the source under test: `dist-bench/bin/cliproxy.js` (a copy of
 * bin/cliproxy.js, which sets V8 flags before it loads the bundle) beside `dist-bench/dist-proxy/cli.js` (as
 * `npm run build` makes dist-proxy/cli.js). Returns the bin file: run it with plain `node <file> serve`.
 */
export async function buildCliBundle(): Promise<string> {
  await bundle('src-proxy/cli.ts', 'dist-proxy', 'cli.js');
  const bin = join(import.meta.dirname, '..', cacheDir, 'bin', 'cliproxy.js');
  await mkdir(dirname(bin), { recursive: true });
  await copyFile(join(import.meta.dirname, '..', 'bin', 'cliproxy.js'), bin);
  return bin;
}

/**
 * The floor and engine child entries as plain JavaScript, for runs under valgrind: node without tsx
 * starts in a fraction of the time there (no loader thread, no esbuild service, nothing to transpile).
 */
export async function buildProxyEntryBundles(): Promise<{ floor: string; engine: string }> {
  return {
    floor: await bundle('bench/floor-process.ts', 'floor-process', 'floor-process.js'),
    engine: await bundle('bench/engine-process.ts', 'engine-process', 'engine-process.js'),
  };
}
