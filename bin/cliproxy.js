#!/usr/bin/env node
// `cliproxy`: the headless engine. Runs the built bundle (dist-proxy/cli.js, from `npm run build`) when
// present; otherwise, or with CLIPROXY_FROM_SOURCE=1, runs the TypeScript source through tsx.
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
