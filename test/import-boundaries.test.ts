import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** ARCHITECTURE.md section 7: the import rules that keep the engine, UI and hub separable. */
const root = join(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(root, folder))) {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.(ts|tsx|cjs|js)$/.test(name)) found.push(path);
  }
  return found;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

function violations(folder: string, isForbidden: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(folder).flatMap((file) => importsOf(file).filter((specifier) => isForbidden(specifier, file)).map((specifier) => `${file} imports ${specifier}`));
}

/** The import cycles (strongly connected groups of two or more files) among a folder's non-test TypeScript files. */
function importCycles(folder: string): string[][] {
  const files = sourceFiles(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file).filter((specifier) => specifier.startsWith('.')).map((specifier) => `${join(dirname(file), specifier)}.ts`).filter((target) => known.has(target))]));
  // Tarjan's algorithm: each strongly connected component of the import graph larger than one file is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) ?? 0);
    stack.push(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) visit(target);
      if (stack.includes(target)) low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

describe('import boundaries', () => {
  it('the PostgreSQL driver (pg) is imported only by the team store, src-proxy/store/postgres/', () => {
    const teamStore = join('src-proxy', 'store', 'postgres');
    const outside = ['src-proxy', 'src-shared', 'src-renderer', 'src-main'].flatMap((folder) => violations(folder, (specifier, file) => specifier === 'pg' && !file.startsWith(teamStore)));
    expect(outside).toEqual([]);
  });

  it('src-proxy never imports electron', () => {
    expect(violations('src-proxy', (specifier) => specifier === 'electron' || specifier.startsWith('electron/'))).toEqual([]);
  });

  it('electron-updater (which loads Electron) is imported only by the updates glue in src-main', () => {
    const outside = ['src-proxy', 'src-shared', 'src-renderer', 'src-main'].flatMap((folder) =>
      violations(folder, (specifier, file) => specifier === 'electron-updater' && file !== join('src-main', 'updates', 'setup-updates.ts')),
    );
    expect(outside).toEqual([]);
    expect(importsOf(join('src-main', 'updates', 'setup-updates.ts'))).toContain('electron-updater');
  });

  it('src-renderer imports neither Node nor Electron nor the engine', () => {
    const forbidden = (specifier: string) =>
      specifier === 'electron' || specifier.startsWith('node:') || /(^|\/)src-(proxy|main)\//.test(specifier) || ['fs', 'path', 'os', 'child_process'].includes(specifier);
    expect(violations('src-renderer', forbidden)).toEqual([]);
  });

  it('src-shared imports nothing from the engine, main or renderer', () => {
    expect(violations('src-shared', (specifier) => /src-(proxy|main|renderer)/.test(specifier) || specifier === 'electron')).toEqual([]);
  });

  it('a protocol never imports another protocol', () => {
    // Files directly in protocols/ (the codec contract and registry) are shared, not a protocol.
    const protocolOf = (path: string) => {
      const match = /^src-proxy\/protocols\/([^/]+)(\/|$)/.exec(path);
      if (!match?.[1] || match[1].endsWith('.ts') || existsSync(join(root, 'src-proxy/protocols', `${match[1]}.ts`))) return undefined;
      return match[1];
    };
    const crossing = violations('src-proxy/protocols', (specifier, file) => {
      const ownProtocol = protocolOf(file);
      if (!specifier.startsWith('.') || ownProtocol === undefined) return false;
      const target = relative(root, join(root, file, '..', specifier));
      const targetProtocol = protocolOf(target);
      return targetProtocol !== undefined && targetProtocol !== ownProtocol;
    });
    expect(crossing).toEqual([]);
  });

  it('the canonical hub imports nothing outside itself', () => {
    expect(violations('src-proxy/canonical', (specifier) => !specifier.startsWith('./'))).toEqual([]);
  });

  it('config: the normalizers take their entry types from config-entry-types, never from engine-config (no cycle)', () => {
    const normalizers = violations('src-proxy/config', (specifier, file) => /\/normalize-[^/]+\.ts$/.test(file) && !file.endsWith('.test.ts') && specifier === './engine-config');
    const entryTypes = importsOf('src-proxy/config/config-entry-types.ts').filter((specifier) => specifier === './engine-config' || /normalize-(api-key|openai|payload)/.test(specifier));
    expect([...normalizers, ...entryTypes]).toEqual([]);
  });

  it('only the engine composes the server: runtime, reply and sink types live below it (runtime/, http/, sse/)', () => {
    const outside = (file: string) => !file.startsWith('src-proxy/server/') && !file.startsWith('src-proxy/engine/') && file !== 'src-proxy/index.ts' && !file.endsWith('.test.ts');
    expect(violations('src-proxy', (specifier, file) => outside(file) && /(^|\/)server\//.test(specifier))).toEqual([]);
  });

  it('the server never imports management or the engine: the engine hands it the control and management routes', () => {
    expect(violations('src-proxy/server', (specifier, file) => !file.endsWith('.test.ts') && /(^|\/)(management|engine)\//.test(specifier))).toEqual([]);
  });

  it('src-main reaches the engine only through its public entry, src-proxy/index.ts', () => {
    expect(violations('src-main', (specifier, file) => !file.endsWith('.test.ts') && /(^|\/)src-proxy\//.test(specifier) && !/(^|\/)src-proxy\/index$/.test(specifier))).toEqual([]);
  });

  it('the engine folder is imported only by the public entry and the CLI: engine types, login sessions and endpoint types live below it', () => {
    const allowed = (file: string) => file.startsWith('src-proxy/engine/') || file === 'src-proxy/index.ts' || file === 'src-proxy/cli.ts' || file.endsWith('.test.ts');
    expect(violations('src-proxy', (specifier, file) => !allowed(file) && /(^|\/)engine\//.test(specifier))).toEqual([]);
  });

  it('a provider with auth files (a login, or the imported Vertex files) is reached through the registry: no file outside src-proxy/providers imports its folder', () => {
    const loginProviderFolders = readdirSync(join(root, 'src-proxy/providers')).filter((name) => existsSync(join(root, 'src-proxy/providers', name, `${name}-auth.ts`)));
    expect(loginProviderFolders.sort()).toEqual(['antigravity', 'claude', 'codex', 'gemini-cli', 'iflow', 'kimi', 'qwen', 'vertex', 'xai']);
    const reaching = violations('src-proxy', (specifier, file) => {
      if (file.startsWith('src-proxy/providers/') || file.endsWith('.test.ts')) return false;
      return loginProviderFolders.some((folder) => new RegExp(`(^|/)providers/${folder}/`).test(specifier));
    });
    expect(reaching).toEqual([]);
  });

  it('the engine, the shared contract and Electron main have no import cycles (management-context and the api-call route, the two tray menu builders once formed some)', () => {
    expect(importCycles('src-proxy')).toEqual([]);
    expect(importCycles('src-shared')).toEqual([]);
    expect(importCycles('src-main')).toEqual([]);
  });
});
