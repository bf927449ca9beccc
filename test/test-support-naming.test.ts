import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** test/README.md "Test support inside src-*": a module that exists for tests is named `*.fixture.ts`. */
const root = join(import.meta.dirname, '..');
const topFolders = ['src-proxy', 'src-main', 'src-renderer', 'src-shared'];

/** Test support in src-proxy/protocols/ not yet renamed (that folder is being edited elsewhere); shrink to empty. */
const pendingRenames = [
  'src-proxy/protocols/anthropic-messages/anthropic-stream-fixtures.ts',
  'src-proxy/protocols/anthropic-messages/anthropic-test-context.ts',
  'src-proxy/protocols/gemini/gemini-test-support.ts',
  'src-proxy/protocols/openai-responses/fixtures/parse-sse-text.ts',
  'src-proxy/protocols/openai-responses/fixtures/test-context.ts',
  'src-proxy/protocols/openai-responses/fixtures/upstream-streams.ts',
];
/** Entry points that only a test imports: the Electron entry (booted by test/main-process against a stand-in electron) and the CLI (bin/cliproxy.js runs it). */
const sourceOnlyTestsLoad = ['src-main/main.ts', 'src-proxy/cli.ts'];

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(root, folder))) {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) found.push(path);
  }
  return found;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('test/') || file.startsWith('bench/');
const isFixture = (file: string) => file.endsWith('.fixture.ts');

/** Every project file each file imports by a relative path. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)].flatMap((match) => {
      const base = normalize(join(dirname(file), match[1] ?? ''));
      const target = [`${base}.ts`, `${base}.tsx`, base, `${base}/index.ts`].find((candidate) => known.has(candidate));
      return target === undefined ? [] : [target];
    });
    graph.set(file, targets);
  }
  return graph;
}

describe('test support naming', () => {
  const files = [...topFolders, 'test', 'bench'].flatMap((folder) => sourceFiles(folder)).map((file) => relative('.', file));
  const graph = importGraph(files);

  it('no source file imports a fixture', () => {
    const offending = [...graph].flatMap(([file, targets]) => (isTest(file) || isFixture(file) ? [] : targets.filter(isFixture).map((target) => `${file} imports ${target}`)));
    expect(offending).toEqual([]);
  });

  it('a src-* module that only tests and fixtures import is named *.fixture.ts', () => {
    const importers = new Map<string, string[]>();
    for (const [file, targets] of graph) for (const target of targets) importers.set(target, [...(importers.get(target) ?? []), file]);
    const unnamed = [...importers]
      .filter(([target, users]) => !isTest(target) && !isFixture(target) && users.every((user) => isTest(user) || isFixture(user)))
      .map(([target]) => target)
      .filter((target) => !pendingRenames.includes(target) && !sourceOnlyTestsLoad.includes(target));
    expect(unnamed).toEqual([]);
  });
});
