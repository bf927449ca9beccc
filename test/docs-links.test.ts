import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Source comments and Markdown files point at the reference pages as `docs/<page>.md#<anchor>`. This
 * checks that every such page exists and has a heading with that anchor, and that no source comment
 * still cites section numbers of the reference documents the code was first written against, which are not
 * in the repository (the word "spec" followed by a number, or one of those documents' file names).
 */
const root = join(import.meta.dirname, '..');

/** Build output, dependencies and git data are not the project's text. */
const skippedFolders = new Set(['.git', 'node_modules', 'release', 'coverage', 'test-results', '.electron-native']);

function filesOf(folder: string, keep: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = folder === '' ? entry.name : join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name) && !entry.name.startsWith('dist')) found.push(...filesOf(path, keep));
    } else if (keep(entry.name)) {
      found.push(path.split(sep).join('/'));
    }
  }
  return found;
}

const sourceFiles = filesOf('', (name) => /\.(ts|tsx|js|cjs|mjs)$/.test(name));
const markdownFiles = filesOf('', (name) => name.endsWith('.md'));

/** Characters after which a `/` starts a regular expression rather than a division. */
const regexAfter = new Set([...'(,=:[!&|?{};~+-*%<>^']);
const regexAfterWords = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await', 'delete', 'throw']);

interface Comment {
  line: number;
  text: string;
}

/**
 * The comments of a TypeScript or JavaScript file, with the line each starts on. A small lexer: strings,
 * template literals (with nested `${}`) and regular expression literals are skipped, so text inside them
 * is never taken for a comment. A quote in JSX text can only confuse it up to the end of that line.
 */
function commentsOf(source: string): Comment[] {
  const comments: Comment[] = [];
  const templateDepths: number[] = [];
  let braceDepth = 0;
  let line = 1;
  let lastSignificant = '';
  let lastWord = '';
  let index = 0;
  const advanceTo = (end: number) => {
    for (let at = index; at < end; at += 1) if (source[at] === '\n') line += 1;
    index = end;
  };
  const skipQuoted = (quote: string) => {
    let at = index + 1;
    while (at < source.length && source[at] !== quote && source[at] !== '\n') at += source[at] === '\\' ? 2 : 1;
    advanceTo(Math.min(at + 1, source.length));
  };
  const skipTemplate = () => {
    // From just after a backtick or a closing `}` of `${...}`, to the end of the literal or the next `${`.
    let at = index;
    while (at < source.length) {
      if (source[at] === '\\') at += 2;
      else if (source[at] === '`') {
        advanceTo(at + 1);
        return;
      } else if (source[at] === '$' && source[at + 1] === '{') {
        templateDepths.push(braceDepth);
        braceDepth += 1;
        advanceTo(at + 2);
        return;
      } else at += 1;
    }
    advanceTo(source.length);
  };
  while (index < source.length) {
    const char = source[index] ?? '';
    const next = source[index + 1];
    if (char === '/' && next === '/') {
      const end = source.indexOf('\n', index);
      const stop = end === -1 ? source.length : end;
      comments.push({ line, text: source.slice(index + 2, stop) });
      advanceTo(stop);
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', index + 2);
      const stop = end === -1 ? source.length : end + 2;
      comments.push({ line, text: source.slice(index + 2, end === -1 ? stop : end) });
      advanceTo(stop);
    } else if (char === '"' || char === "'") {
      skipQuoted(char);
      lastSignificant = char;
      lastWord = '';
    } else if (char === '`') {
      advanceTo(index + 1);
      skipTemplate();
      lastSignificant = '`';
      lastWord = '';
    } else if (char === '/' && (lastSignificant === '' || regexAfter.has(lastSignificant) || regexAfterWords.has(lastWord))) {
      let at = index + 1;
      let inClass = false;
      while (at < source.length && source[at] !== '\n' && (inClass || source[at] !== '/')) {
        if (source[at] === '\\') at += 1;
        else if (source[at] === '[') inClass = true;
        else if (source[at] === ']') inClass = false;
        at += 1;
      }
      advanceTo(Math.min(at + 1, source.length));
      lastSignificant = '/';
      lastWord = '';
    } else if (char === '{') {
      braceDepth += 1;
      lastSignificant = char;
      lastWord = '';
      advanceTo(index + 1);
    } else if (char === '}') {
      braceDepth -= 1;
      advanceTo(index + 1);
      if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth) {
        templateDepths.pop();
        skipTemplate();
        lastSignificant = '`';
      } else lastSignificant = char;
      lastWord = '';
    } else if (/[A-Za-z0-9_$]/.test(char)) {
      const word = /^[A-Za-z0-9_$]+/.exec(source.slice(index, index + 64))?.[0] ?? char;
      lastWord = word;
      lastSignificant = 'a';
      advanceTo(index + word.length);
    } else {
      if (!/\s/.test(char)) {
        lastSignificant = char;
        lastWord = '';
      }
      advanceTo(index + 1);
    }
  }
  return comments;
}

/** GitHub's heading anchor: lower-case, punctuation other than '-' and '_' dropped, spaces to '-'. */
function slugOf(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** The anchors of a Markdown page: one per heading outside code fences, duplicates numbered as GitHub does. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch?.[1]) {
      if (fence === undefined) fence = fenceMatch[1];
      else if (fence === fenceMatch[1]) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const slug = slugOf(heading[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Reference {
  where: string;
  page: string;
  anchor: string | undefined;
}

/** `docs/<page>.md` and `docs/<page>.md#<anchor>` in a text (a `../` prefix is allowed). */
function docsReferences(text: string, where: string): Reference[] {
  return [...text.matchAll(/(?<![\w.-])(?:\.\.?\/)*docs\/([\w-]+)\.md(?:#([\w-]+))?/g)].map((match) => ({ where, page: match[1] ?? '', anchor: match[2] }));
}

/** Relative links between the pages of docs/: `[text](page.md#anchor)` and `[text](#anchor)`. */
function siblingReferences(text: string, page: string): Reference[] {
  return [...text.matchAll(/\]\((?!\w+:)([\w-]+\.md)?(?:#([\w-]+))?\)/g)]
    .filter((match) => match[1] !== undefined || match[2] !== undefined)
    .map((match) => ({ where: `docs/${page}.md`, page: match[1] === undefined ? page : match[1].replace(/\.md$/, ''), anchor: match[2] }));
}

const anchorsByPage = new Map<string, Set<string> | undefined>();
function anchorsOfPage(page: string): Set<string> | undefined {
  if (!anchorsByPage.has(page)) {
    const path = join(root, 'docs', `${page}.md`);
    anchorsByPage.set(page, existsSync(path) ? anchorsOf(readFileSync(path, 'utf8')) : undefined);
  }
  return anchorsByPage.get(page);
}

function brokenReferences(references: readonly Reference[]): string[] {
  return references.flatMap((reference) => {
    const target = `docs/${reference.page}.md${reference.anchor === undefined ? '' : `#${reference.anchor}`}`;
    const anchors = anchorsOfPage(reference.page);
    if (anchors === undefined) return [`${reference.where}: ${target} (no such page)`];
    if (reference.anchor !== undefined && !anchors.has(reference.anchor)) return [`${reference.where}: ${target} (no such heading)`];
    return [];
  });
}

/** A citation of the section numbers of documents outside the repository. */
const specCitation = /\bspec(?:\s+section)?\s+(?:\d+(?:\.\d+)*|C\d+)\b|\bspec\s+[\w-]+\.md\b|\b(?:config-and-api|protocol-translation|providers-and-oauth|desktop-peers)\.md\b/i;

describe('links to the reference pages', () => {
  it('the comment lexer sees comments, not strings, templates or regular expressions', () => {
    const source = [
      "const a = 'see // not a comment'; // one",
      'const b = `x ${ { c: 1 }.c } /* not */ ${"`"}`; /* two */',
      'const r = /\\/\\/ not [/]/.test(a) ? 1 / 2 : 3; // three',
      '/**',
      ' * four',
      ' */',
    ].join('\n');
    expect(commentsOf(source).map((comment) => [comment.line, comment.text.trim()])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
      [4, '*\n * four'],
    ]);
  });

  it('slugs follow GitHub', () => {
    expect([...anchorsOf('# A b\n## `POST /v0/x-y`\n```\n# not a heading\n```\n## oauth-model-alias and oauth-excluded-models\n## A b\n')]).toEqual([
      'a-b',
      'post-v0x-y',
      'oauth-model-alias-and-oauth-excluded-models',
      'a-b-1',
    ]);
    expect(slugOf('Claude Code login (`claude`)')).toBe('claude-code-login-claude');
  });

  it('every docs/<page>.md#<anchor> in source comments and Markdown names an existing heading', () => {
    const references = [
      ...sourceFiles.flatMap((file) =>
        commentsOf(readFileSync(join(root, file), 'utf8')).flatMap((comment) => docsReferences(comment.text, `${file}:${comment.line}`)),
      ),
      ...markdownFiles.flatMap((file) => docsReferences(readFileSync(join(root, file), 'utf8'), file)),
    ];
    expect(references.length).toBeGreaterThan(100);
    expect(brokenReferences(references)).toEqual([]);
  });

  it('links between the pages of docs/ name existing headings', () => {
    const references = markdownFiles
      .filter((file) => dirname(file) === 'docs')
      .flatMap((file) => siblingReferences(readFileSync(join(root, file), 'utf8'), relative('docs', file).replace(/\.md$/, '')));
    expect(references.length).toBeGreaterThan(20);
    expect(brokenReferences(references)).toEqual([]);
  });

  it('no source comment or Markdown file cites a section of a document outside the repository', () => {
    const citations = [
      ...sourceFiles.flatMap((file) =>
        commentsOf(readFileSync(join(root, file), 'utf8')).flatMap((comment) =>
          comment.text.split('\n').flatMap((line, index) => (specCitation.test(line) ? [`${file}:${comment.line + index}: ${line.trim()}`] : [])),
        ),
      ),
      ...markdownFiles.flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (specCitation.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      ),
    ];
    expect(citations).toEqual([]);
  });
});
