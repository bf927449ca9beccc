#!/usr/bin/env node
// `npm run dev`: the renderer from Vite's dev server (HMR), the main bundle rebuilt on change with
// Electron restarted after each rebuild. Main honours VITE_DEV_SERVER_URL only when unpackaged.
// Needs the Electron binary (not available on machines without network access to GitHub).
import { spawn } from 'node:child_process';
import { build, createServer } from 'vite';

// 'runner' loads the TS configs (and their extensionless imports) without the native-loader warning.
const server = await createServer({ configFile: 'vite.config.ts', configLoader: 'runner' });
await server.listen();
const devServerUrl = server.resolvedUrls?.local[0];
if (devServerUrl === undefined) throw new Error('The Vite dev server has no local URL.');
server.printUrls();

// Resolving `electron` from Node gives the path of its binary (and throws if it was never downloaded).
const { default: electronBinary } = await import('electron');
let child = null;
let restarting = false;

function launchElectron() {
  child = spawn(electronBinary, ['.'], {
    stdio: 'inherit',
    env: { ...process.env, VITE_DEV_SERVER_URL: devServerUrl },
  });
  child.on('exit', (code) => {
    if (restarting) return;
    // The user quit the app: end the dev session too.
    void shutdown(code ?? 0);
  });
}

function restartElectron() {
  if (child === null || child.exitCode !== null) return launchElectron();
  restarting = true;
  child.once('exit', () => {
    restarting = false;
    launchElectron();
  });
  child.kill();
}

const watcher = await build({
  configFile: 'vite.main.config.ts',
  configLoader: 'runner',
  mode: 'development',
  build: { watch: {} },
});
if (!('on' in watcher)) throw new Error('Expected a watcher from vite build --watch.');
watcher.on('event', (event) => {
  if (event.code === 'END') restartElectron();
  if (event.code === 'ERROR') console.error('[dev] main build failed:', event.error.message);
});

async function shutdown(code) {
  await watcher.close();
  await server.close();
  process.exit(code);
}
process.on('SIGINT', () => {
  restarting = true;
  child?.kill();
  void shutdown(0);
});
