import { join } from 'node:path';
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

/** `cliproxy` as `npm run build` makes dist-proxy/cli.js, built fresh from the source under test: run with plain `node <file> serve`. */
export function buildCliBundle(): Promise<string> {
  return bundle('src-proxy/cli.ts', 'cliproxy-bench-cli', 'cli.js');
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
