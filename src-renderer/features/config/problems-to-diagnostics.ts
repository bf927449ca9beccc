import type { Diagnostic } from '@codemirror/lint';
import type { ConfigProblemView } from '../../../src-shared/control/config-types';

/** One line of the problem list: 'Line 3, column 7: port: Expected number' (position and key path when known). */
export function describeProblem(problem: ConfigProblemView): string {
  const where = problem.line === null ? '' : problem.column === null ? `Line ${problem.line}: ` : `Line ${problem.line}, column ${problem.column}: `;
  const path = problem.path === '' ? '' : `${problem.path}: `;
  return `${where}${path}${problem.message}`;
}

/**
 * Editor markers for the problems that have a position in `text` (the text that was checked): from the
 * 1-based line and column to the end of that line, so the underline is visible even at a line's end.
 * Problems without a position appear only in the list below the editor.
 */
export function problemsToDiagnostics(problems: readonly ConfigProblemView[], text: string): Diagnostic[] {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems) {
    if (problem.line === null) continue;
    const lineIndex = Math.min(Math.max(problem.line, 1), lineStarts.length) - 1;
    const lineStart = lineStarts[lineIndex] ?? 0;
    const nextStart = lineStarts[lineIndex + 1];
    const lineEnd = nextStart === undefined ? text.length : nextStart - 1;
    const from = Math.min(lineStart + Math.max((problem.column ?? 1) - 1, 0), lineEnd);
    // An empty range at the very end of a line is widened to the whole line, so it can be seen.
    const start = from === lineEnd ? lineStart : from;
    diagnostics.push({ from: start, to: lineEnd, severity: 'error', message: problem.path === '' ? problem.message : `${problem.path}: ${problem.message}` });
  }
  return diagnostics;
}
