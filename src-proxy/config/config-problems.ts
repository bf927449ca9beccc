import { isNode } from 'yaml';
import type { Document, LineCounter, YAMLError } from 'yaml';
import type { z } from 'zod';

/** One thing wrong with a config file. `path` is like 'openai-compatibility[0].base-url', '' for syntax errors. */
export interface ConfigProblem {
  path: string;
  message: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** `['openai-compatibility', 0, 'base-url']` -> `openai-compatibility[0].base-url`; odd keys are quoted. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      result += `[${segment}]`;
    } else {
      const key = String(segment);
      if (!/^[A-Za-z0-9_-]+$/.test(key)) result += `[${JSON.stringify(key)}]`;
      else result += result === '' ? key : `.${key}`;
    }
  }
  return result;
}

/** Line and column of the node at `path`, or of its nearest ancestor present in the document. */
export function locateInDocument(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): SourcePosition | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth).map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    const node = depth === 0 ? document.contents : document.getIn(keys, true);
    if (isNode(node) && node.range) return positionAt(lineCounter, node.range[0]);
  }
  return undefined;
}

export function positionAt(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** A YAML syntax error as a problem. The message never quotes the source line (it may hold a key). */
export function problemFromYamlError(error: YAMLError, lineCounter: LineCounter): ConfigProblem {
  // The library's own wording for this one points at its JavaScript API.
  const message =
    error.code === 'MULTIPLE_DOCS' ? 'the file must hold a single YAML document (remove the extra ---)' : error.message;
  const offset = error.pos[0];
  return offset >= 0 ? { path: '', message, ...positionAt(lineCounter, offset) } : { path: '', message };
}

/** A schema issue as a problem: key path, what was expected, and where the node is in the file. */
export function problemFromIssue(
  issue: z.core.$ZodIssue,
  document: Document,
  lineCounter: LineCounter,
): ConfigProblem {
  const position = locateInDocument(document, lineCounter, issue.path);
  return { path: formatKeyPath(issue.path), message: describeIssue(issue), ...position };
}

/** Readable messages; received values are described by kind only, never echoed, because they may be secrets. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required (expected ${describeExpected(issue.expected)})`;
      return `expected ${describeExpected(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return issue.origin === 'number' ? `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}` : issue.message;
    case 'too_big':
      return issue.origin === 'number' ? `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}` : issue.message;
    default:
      return issue.message;
  }
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object':
      return 'a mapping';
    case 'string':
      return 'text';
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return typeof value;
  }
}

/** For the CLI: `file:line:col: path: message`, one line per problem, in the given order. */
export function formatConfigProblems(problems: readonly ConfigProblem[], fileName: string): string {
  return problems
    .map((problem) => {
      const where = problem.line === undefined ? fileName : `${fileName}:${problem.line}:${problem.column ?? 1}`;
      return problem.path === '' ? `${where}: ${problem.message}` : `${where}: ${problem.path}: ${problem.message}`;
    })
    .join('\n');
}

export function compareProblems(left: ConfigProblem, right: ConfigProblem): number {
  const leftLine = left.line ?? Number.MAX_SAFE_INTEGER;
  const rightLine = right.line ?? Number.MAX_SAFE_INTEGER;
  return leftLine - rightLine || (left.column ?? 0) - (right.column ?? 0);
}
