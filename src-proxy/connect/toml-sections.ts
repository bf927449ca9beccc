/**
 * Just enough TOML structure to edit a few keys without touching any other byte: a file is a top-level
 * section (lines before the first table header) and tables (a header line and the lines up to the next
 * header). Values are never re-serialized; lines are replaced or inserted as whole lines.
 */

const tableHeader = /^\s*\[\[?\s*([^\]#]+?)\s*\]\]?\s*(?:#.*)?$/;

/** Index of the first table header line, or the line count when there is none. */
export function topLevelEnd(lines: readonly string[]): number {
  const index = lines.findIndex((line) => tableHeader.test(line));
  return index === -1 ? lines.length : index;
}

/** [start, end) of the table named `name` (its header line included), or null. */
export function findTable(lines: readonly string[], name: string): [number, number] | null {
  const start = lines.findIndex((line) => normalizeName(tableHeader.exec(line)?.[1]) === name);
  if (start === -1) return null;
  let end = start + 1;
  while (end < lines.length && !tableHeader.test(lines[end] ?? '')) end += 1;
  return [start, end];
}

/** Index of `key = ...` in the top-level section, or -1. */
export function findTopLevelKey(lines: readonly string[], key: string): number {
  const pattern = new RegExp(`^\\s*${key}\\s*=`);
  const end = topLevelEnd(lines);
  for (let index = 0; index < end; index += 1) if (pattern.test(lines[index] ?? '')) return index;
  return -1;
}

/** `model_providers . "cliproxy"` and `model_providers.cliproxy` name the same table. */
function normalizeName(name: string | undefined): string | undefined {
  return name
    ?.split('.')
    .map((part) => part.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'))
    .join('.');
}

export function toLines(text: string): { lines: string[]; eol: string; finalNewline: boolean } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const finalNewline = text === '' || text.endsWith('\n');
  if (finalNewline && lines.at(-1) === '') lines.pop();
  return { lines, eol, finalNewline };
}

export function fromLines(lines: readonly string[], eol: string, finalNewline: boolean): string {
  if (lines.length === 0) return '';
  return lines.join(eol) + (finalNewline ? eol : '');
}
