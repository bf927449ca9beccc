import { join } from 'node:path';
import { build } from 'vite';
import { createNodeBundleConfig } from '../vite.main.config';

/** Where the measured engine bundle goes (inside node_modules, so it is never committed). */
const bundleDir = 'node_modules/.cache/cliproxy-bench';

/**
 * The engine as it ships: src-proxy bundled by the same Vite settings as dist-proxy/cli.js. Running
 * the TypeScript source through tsx instead costs the engine about a tenth more CPU per request
 * (esbuild's keepNames wraps every closure it creates), which the product never pays.
 */
export async function buildEngineBundle(): Promise<string> {
  await build({ ...createNodeBundleConfig({ entry: 'src-proxy/index.ts', outDir: bundleDir, fileName: 'engine.js' }), configFile: false, logLevel: 'error' });
  return join(import.meta.dirname, '..', bundleDir, 'engine.js');
}
