import { join } from 'node:path';
import type { ClientConnector, ConnectTarget, OwnedValues } from './client-connector';
import { findTable, findTopLevelKey, fromLines, toLines, topLevelEnd } from './toml-sections';

const providerId = 'cliproxy';
const tableName = `model_providers.${providerId}`;

/**
 * Codex CLI reads `~/.codex/config.toml` (or `$CODEX_HOME/config.toml`). Owned: the top-level
 * `model_provider` line and the `[model_providers.cliproxy]` table (Responses wire, the key as
 * `experimental_bearer_token`, so no environment variable or auth.json is needed).
 */
export const codexConnector: ClientConnector = {
  id: 'codex',
  label: 'Codex CLI',
  settingsPath: (home, env) => join(env.CODEX_HOME || join(home, '.codex'), 'config.toml'),

  capture(text) {
    const { lines } = toLines(text);
    const providerLine = findTopLevelKey(lines, 'model_provider');
    const table = findTable(lines, tableName);
    return {
      modelProviderLine: providerLine === -1 ? null : lines[providerLine],
      tableLines: table === null ? null : lines.slice(table[0], table[1]),
    };
  },

  connect(text, target) {
    const { lines, eol, finalNewline } = toLines(text);
    const withoutTable = removeTable(lines);
    setTopLevelLine(withoutTable, 'model_provider', `model_provider = "${providerId}"`);
    if (withoutTable.length > 0 && withoutTable.at(-1)?.trim() !== '') withoutTable.push('');
    withoutTable.push(...providerTable(target));
    return fromLines(withoutTable, eol, finalNewline || text === '');
  },

  restore(text, previous: OwnedValues) {
    const { lines, eol, finalNewline } = toLines(text);
    const table = findTable(lines, tableName);
    const previousTable = previous.tableLines as string[] | null;
    if (table !== null) {
      // Our table was appended after a blank separator line: take that separator away with it.
      const start = previousTable === null && table[0] > 0 && lines[table[0] - 1]?.trim() === '' ? table[0] - 1 : table[0];
      lines.splice(start, table[1] - start, ...(previousTable ?? []));
    } else if (previousTable !== null) {
      lines.push(...previousTable);
    }
    const previousLine = previous.modelProviderLine as string | null;
    const index = findTopLevelKey(lines, 'model_provider');
    if (previousLine === null && index !== -1) lines.splice(index, 1);
    else if (previousLine !== null) setTopLevelLine(lines, 'model_provider', previousLine);
    return fromLines(lines, eol, finalNewline);
  },

  isConnected(text, target: ConnectTarget) {
    const { lines } = toLines(text);
    const providerLine = findTopLevelKey(lines, 'model_provider');
    const table = findTable(lines, tableName);
    if (providerLine === -1 || table === null || !/=\s*["']cliproxy["']/.test(lines[providerLine] ?? '')) return false;
    const body = lines.slice(table[0], table[1]).join('\n');
    return body.includes(JSON.stringify(`${target.origin}/v1`)) && body.includes(JSON.stringify(target.apiKey));
  },
};

function providerTable(target: ConnectTarget): string[] {
  return [
    `[${tableName}]`,
    'name = "CLI Proxy Desktop"',
    `base_url = ${JSON.stringify(`${target.origin}/v1`)}`,
    'wire_api = "responses"',
    `experimental_bearer_token = ${JSON.stringify(target.apiKey)}`,
  ];
}

function removeTable(lines: string[]): string[] {
  const table = findTable(lines, tableName);
  if (table === null) return [...lines];
  return [...lines.slice(0, table[0]), ...lines.slice(table[1])];
}

/** Replaces the top-level `key = ...` line, or inserts it at the end of the top-level section (before the first table). */
function setTopLevelLine(lines: string[], key: string, line: string): void {
  const index = findTopLevelKey(lines, key);
  if (index !== -1) {
    lines[index] = line;
    return;
  }
  let end = topLevelEnd(lines);
  // Keep the blank line that usually separates the top-level keys from the first table.
  while (end > 0 && end < lines.length && lines[end - 1]?.trim() === '') end -= 1;
  lines.splice(end, 0, line);
}
