#!/usr/bin/env node
// `cliproxy`: the headless engine. Runs the built bundle (dist-proxy/cli.js, from `npm run build`) when
// present; otherwise, or with CLIPROXY_FROM_SOURCE=1, runs the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// Node >= 22.1 keeps V8's compiled code of the bundle and its packages between starts (in os.tmpdir(), or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off; it never throws). Node 20 has no such API, so
// this does nothing there, and this machine (Node 20) cannot measure it: bench/README.md, "Start time".
module.enableCompileCache?.();

// V8's young generation stays at its initial size while the modules load: loading alone grew it to 2 x 16 MB,
// most of which then sat in the idle server's memory. `serve` restores V8's default growth once started
// (src-proxy/limit-heap-growth.ts; bench/README.md, "Memory"). A value on node's command line wins.
if (!process.execArgv.some((argument) => /^--semi[-_]space[-_]growth[-_]factor\b/.test(argument))) setFlagsFromString('--semi-space-growth-factor=1');

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
