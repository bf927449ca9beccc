#!/usr/bin/env node
// `npm run serve`: the engine serves the control panel from dist-renderer/ (the renderer's Vite build).
// A fresh clone has no dist-renderer/, so the panel would be a 404 until `npm run build`: this builds the
// renderer first when its output is missing or older than its sources, printing one line, and otherwise
// returns at once (a later start pays only a walk over the source folders' timestamps).
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What the renderer build reads: its sources, the shared contract types, the Vite config and the two
 * engine modules that config imports, and the lock file (a dependency update changes the bundle).
 */
export const CONTROL_PANEL_SOURCES = [
  'src-renderer',
  'src-shared',
  'vite.config.ts',
  'src-proxy/management/control-panel-csp.ts',
  'src-proxy/management/register-control-panel-routes.ts',
  'package-lock.json',
];

/** The file whose age stands for the whole build: Vite writes it last. */
export const CONTROL_PANEL_ENTRY = 'dist-renderer/index.html';

/** 'missing' | 'stale' | 'fresh': whether `root`'s built panel must be (re)built before serving. */
export function controlPanelBuildState(root) {
  const builtAt = modifiedAt(join(root, CONTROL_PANEL_ENTRY));
  if (builtAt === null) return 'missing';
  const newestSource = Math.max(0, ...CONTROL_PANEL_SOURCES.map((path) => newestModification(join(root, path))));
  return newestSource > builtAt ? 'stale' : 'fresh';
}

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Newest mtime of a file, or of any file below a folder; 0 when the path does not exist. */
function newestModification(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

async function main() {
  const state = controlPanelBuildState(projectRoot);
  if (state === 'fresh') return;
  const started = Date.now();
  process.stdout.write(
    state === 'missing'
      ? 'Building the control panel (first start only; dist-renderer/ is missing)...\n'
      : 'Rebuilding the control panel (its sources changed since the last build)...\n',
  );
  // Imported only when building, so a start with a fresh build does not load Vite at all.
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn' });
  process.stdout.write(`Control panel built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
