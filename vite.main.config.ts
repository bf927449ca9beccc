import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * Electron main: src-main/main.ts (which also pulls in the engine, src-proxy) -> dist-main/main.js, ESM.
 * Only our own source is bundled; electron, node builtins and every package stay imports, resolved
 * from node_modules at run time (electron-builder ships `dependencies`, and rebuilds native ones).
 */
const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/** Bare specifiers (packages, `electron`, `node:*`) are external; relative and absolute paths are ours. */
export function isBareSpecifier(id: string): boolean {
  return !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:[\\/]/.test(id);
}

/**
 * A Node-side bundle: one ESM file, deps external, readable output with source maps. ASCII only: V8 keeps
 * a script's source for as long as it runs, in one byte per character only when every character is
 * Latin-1, so one `…` anywhere doubles the ~1 MB engine bundle in the heap. Non-ASCII characters in
 * code are escaped (`charset`); comments, where they cannot be escaped, are left out (the source maps
 * lead to them).
 */
export function createNodeBundleConfig(options: { entry: string; outDir: string; fileName: string; plugins?: Plugin[] }): UserConfig {
  return {
    root: projectRoot,
    publicDir: false,
    plugins: options.plugins ?? [],
    build: {
      ssr: `${projectRoot}${options.entry}`,
      outDir: `${projectRoot}${options.outDir}`,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      rolldownOptions: {
        external: isBareSpecifier,
        output: { format: 'es', entryFileNames: options.fileName, charset: 'ascii', comments: { legal: true, annotation: true, jsdoc: false } },
      },
    },
  };
}

/** Sandboxed preloads must be CommonJS and self-contained, so the file is copied as is, not bundled. */
function copyPreload(): Plugin {
  return {
    name: 'cliproxy-copy-preload',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'preload.cjs',
        source: readFileSync(`${projectRoot}src-main/preload/preload.cjs`, 'utf8'),
      });
    },
  };
}

export default defineConfig(
  createNodeBundleConfig({ entry: 'src-main/main.ts', outDir: 'dist-main', fileName: 'main.js', plugins: [copyPreload()] }),
);
