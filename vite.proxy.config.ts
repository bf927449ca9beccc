import { defineConfig } from 'vite';
import { createNodeBundleConfig } from './vite.main.config';

/** Headless engine: src-proxy/cli.ts -> dist-proxy/cli.js (ESM, deps external), run by bin/cliproxy.js. */
export default defineConfig(createNodeBundleConfig({ entry: 'src-proxy/cli.ts', outDir: 'dist-proxy', fileName: 'cli.js' }));
