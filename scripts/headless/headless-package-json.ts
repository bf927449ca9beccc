/**
 * The package.json of the headless npm package: the bin, Node 20+, and as dependencies exactly the
 * packages the built engine bundle imports, at the versions the app pins. Pure, so a test can check it.
 */
export const HEADLESS_PACKAGE_NAME = 'cli-proxy-headless';

export interface RootPackage {
  version: string;
  description?: string;
  license?: string;
  homepage?: string;
  author?: string;
  engines?: { node?: string };
  dependencies: Record<string, string>;
}

/** Static imports (statements at a line's start, as a bundle writes them) and dynamic `import("x")`. */
const IMPORT_PATTERNS = [/^import\b[^;"']*?(?:\bfrom\s*)?["']([^"']+)["']/gm, /\bimport\(\s*["']([^"']+)["']\s*\)/g];

/** Bare package names a bundle imports, without `node:` builtins, relative paths or subpaths. */
export function bundleImports(bundleText: string): string[] {
  const names = new Set<string>();
  for (const match of IMPORT_PATTERNS.flatMap((pattern) => [...bundleText.matchAll(pattern)])) {
    const specifier = match[1] as string;
    if (specifier.startsWith('node:') || specifier.startsWith('.') || specifier.startsWith('/')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
  }
  return [...names].sort();
}

/** Throws when the bundle imports a package the app does not list in `dependencies` (it would not be installed). */
export function headlessPackageJson(root: RootPackage, imports: readonly string[]): Record<string, unknown> {
  const missing = imports.filter((name) => root.dependencies[name] === undefined);
  if (missing.length > 0) throw new Error(`the engine bundle imports packages missing from package.json dependencies: ${missing.join(', ')}`);
  return {
    name: HEADLESS_PACKAGE_NAME,
    version: root.version,
    description: `${root.description ?? 'CLI Proxy'} Headless engine and web control panel (cliproxy serve).`,
    license: root.license,
    homepage: root.homepage,
    author: root.author,
    type: 'module',
    bin: { cliproxy: 'bin/cliproxy.js' },
    files: ['bin/', 'dist-proxy/', 'dist-renderer/', 'README.md'],
    engines: { node: root.engines?.node ?? '>=20.19' },
    dependencies: Object.fromEntries(imports.map((name) => [name, root.dependencies[name] as string])),
  };
}
