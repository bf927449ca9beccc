import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * Electron main: src-main/main.ts (which also pulls in the engine, src-proxy) -> dist-main/main.js, ESM.
 * Our own source is bundled, and zod (bundledPackages); electron, node builtins and every other package stay
 * imports, resolved from node_modules at run time (electron-builder ships `dependencies`, and rebuilds native ones).
 */
const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/** Bare specifiers (packages, `electron`, `node:*`) are external; relative and absolute paths are ours. */
function isBareSpecifier(id: string): boolean {
  return !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:[\\/]/.test(id);
}

/**
 * Packages bundled into the Node bundles instead of imported at run time. zod: its ESM entry loads ~100 files,
 * 65 of them locales the engine never uses, plus its JSON-schema converters; bundled and tree-shaken, `cliproxy
 * serve` answers its first request ~70 ms sooner (bench/README.md, "Start time"). Pure JavaScript, MIT; it stays
 * a dependency (the source runs through tsx use it, and its licence ships with it).
 */
const bundledPackages = ['zod'];

/**
 * The licence of each bundled package, as the comment every Node bundle starts with: the headless npm package
 * installs only what its bundle imports (scripts/headless), so a bundled package's licence travels in the bundle.
 */
export function bundledLicences(): string {
  return bundledPackages
    .map((name) => {
      const licence = readFileSync(`${projectRoot}node_modules/${name}/LICENSE`, 'utf8').trim();
      return `/*!\n${name}, bundled into this file:\n\n${licence}\n*/`;
    })
    .join('\n');
}

/** What the Node bundles import at run time: bare specifiers but the bundled packages (and their subpaths). */
function isExternal(id: string): boolean {
  return isBareSpecifier(id) && !bundledPackages.some((name) => id === name || id.startsWith(`${name}/`));
}

/**
 * A Node-side bundle: one ESM file, deps external but bundledPackages, readable output with source maps. ASCII only: V8 keeps
 * a script's source for as long as it runs, in one byte per character only when every character is
 * Latin-1, so one `…` anywhere doubles the ~1 MB engine bundle in the heap. Non-ASCII characters in
 * code are escaped (`charset`); comments, where they cannot be escaped, are left out (the source maps
 * lead to them).
 */
export function createNodeBundleConfig(options: { entry: string; outDir: string; fileName: string; plugins?: Plugin[] }): UserConfig {
  return {
    root: projectRoot,
    publicDir: false,
    // Vite's SSR build leaves every package external on its own; these it must bundle.
    ssr: { noExternal: bundledPackages },
    plugins: options.plugins ?? [],
    build: {
      ssr: `${projectRoot}${options.entry}`,
      outDir: `${projectRoot}${options.outDir}`,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      rolldownOptions: {
        external: isExternal,
        output: { format: 'es', entryFileNames: options.fileName, charset: 'ascii', comments: { legal: true, annotation: true, jsdoc: false }, banner: bundledLicences() },
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
