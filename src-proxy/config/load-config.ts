import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { compareProblems, positionAt, problemFromIssue, problemFromYamlError } from './config-problems';
import type { ConfigProblem } from './config-problems';
import { configSchema, KNOWN_TOP_LEVEL_KEYS } from './config-schema';
import { normalizeConfig } from './engine-config';
import type { EngineConfig } from './engine-config';

export type { ConfigProblem } from './config-problems';
export { formatConfigProblems } from './config-problems';

export type ConfigLoadResult =
  | { ok: true; config: EngineConfig; document: Document; warnings: string[] }
  | { ok: false; problems: ConfigProblem[] };

export interface ParseConfigOptions {
  /** Folder of the config file: relative paths (auth-dir, tls files) are resolved against it. */
  configDir: string;
  /** Shown before warnings, e.g. the file name. */
  sourceName?: string;
}

/**
 * Parses and validates config.yaml text. Every problem is reported (syntax errors first: with broken
 * syntax the schema is not checked). An empty file is a valid config with all defaults. The returned
 * Document keeps comments, order and unknown keys, for comment-preserving edits (config-document.ts).
 */
export function parseConfigText(text: string, options: ParseConfigOptions): ConfigLoadResult {
  const lineCounter = new LineCounter();
  // prettyErrors would append the offending source line to messages, and that line may hold a key.
  // merge: YAML 1.1 `<<` merge keys, which Go's decoder supports.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((error) => problemFromYamlError(error, lineCounter)) };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 }) ?? {};
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: error instanceof Error ? error.message : String(error) }] };
  }
  const parsed = configSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => problemFromIssue(issue, document, lineCounter));
    return { ok: false, problems: problems.sort(compareProblems) };
  }
  const warnings = [
    ...document.warnings.map((warning) => problemFromYamlError(warning, lineCounter)).map(describeYamlWarning),
    ...unknownKeyWarnings(document, lineCounter),
  ];
  const config = normalizeConfig(parsed.data, {
    configDir: options.configDir,
    onWarning: (message) => warnings.push(message),
  });
  const prefix = options.sourceName === undefined ? '' : `${options.sourceName}: `;
  return { ok: true, config, document, warnings: warnings.map((warning) => prefix + warning) };
}

/** Reads and parses a config file; a missing or unreadable file is a problem, not an exception. */
export async function loadConfigFile(path: string): Promise<ConfigLoadResult> {
  const absolutePath = resolve(path);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { ok: false, problems: [{ path: '', message: `cannot read the config file (${code})` }] };
  }
  return parseConfigText(text, { configDir: dirname(absolutePath), sourceName: absolutePath });
}

function describeYamlWarning(problem: ConfigProblem): string {
  return problem.line === undefined ? problem.message : `line ${problem.line}: ${problem.message}`;
}

/** One warning per unknown top-level key (keys are unique: duplicates are a syntax error). */
function unknownKeyWarnings(document: Document, lineCounter: LineCounter): string[] {
  if (!isMap(document.contents)) return [];
  const warnings: string[] = [];
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (KNOWN_TOP_LEVEL_KEYS.has(key) || key === '<<') continue;
    const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const where = offset === undefined ? '' : `line ${positionAt(lineCounter, offset).line}: `;
    warnings.push(`${where}unknown key "${key}" is kept in the file but not used`);
  }
  return warnings;
}
