import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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

describe('import boundaries', () => {
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
});
