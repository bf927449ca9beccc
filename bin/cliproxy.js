#!/usr/bin/env -S node --max-semi-space-size=4
// `cliproxy`: the headless engine. Runs the built bundle (dist-proxy/cli.js, from `npm run build`) when
// present; otherwise, or with CLIPROXY_FROM_SOURCE=1, runs the TypeScript source through tsx.
// --max-semi-space-size=4 (MB): V8 otherwise grows the young generation to 2 x 16 MB under load. Measured
// (bench load checks and instruction counts, issue 16): idle RSS -5 MB, RSS under 64 translated streams
// -20 MB, about 4% more instructions per translated stream request. A flag only node's command line sets:
// `node bin/cliproxy.js` (npm run serve) runs without it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist-proxy/cli.js', import.meta.url);
const source = new URL('../src-proxy/cli.ts', import.meta.url);

async function loadCli() {
  if (process.env.CLIPROXY_FROM_SOURCE !== '1' && existsSync(fileURLToPath(built))) return import(built.href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(source.href);
}

const cli = await loadCli();
cli.main();
