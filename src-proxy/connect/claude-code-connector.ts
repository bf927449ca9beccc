import { join } from 'node:path';
import { applyEdits, modify, parse, type FormattingOptions } from 'jsonc-parser';
import type { ClientConnector, ConnectTarget, OwnedValues } from './client-connector';

/** Keys of settings.json's `env` block this connector owns. ANTHROPIC_API_KEY is removed while connected: with both set, Claude Code would send the wrong key. */
const ownedEnvKeys = ['ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'] as const;

/** Claude Code reads `env` from `~/.claude/settings.json` (or `$CLAUDE_CONFIG_DIR/settings.json`). */
export const claudeCodeConnector: ClientConnector = {
  id: 'claude-code',
  label: 'Claude Code',
  settingsPath: (home, env) => join(env.CLAUDE_CONFIG_DIR || join(home, '.claude'), 'settings.json'),

  capture(text) {
    const env = readEnv(text);
    const captured: OwnedValues = { envBlock: env !== null };
    for (const key of ownedEnvKeys) if (env && key in env) captured[key] = env[key];
    return captured;
  },

  connect(text, target) {
    let result = text.trim() === '' ? '{}\n' : text;
    result = setEnv(result, 'ANTHROPIC_BASE_URL', target.origin);
    result = setEnv(result, 'ANTHROPIC_AUTH_TOKEN', target.apiKey);
    return setEnv(result, 'ANTHROPIC_API_KEY', undefined);
  },

  restore(text, previous) {
    let result = text;
    for (const key of ownedEnvKeys) result = setEnv(result, key, previous[key] as string | undefined);
    const env = readEnv(result);
    if (previous.envBlock !== true && env !== null && Object.keys(env).length === 0) result = edit(result, ['env'], undefined);
    return result;
  },

  isConnected(text, target: ConnectTarget) {
    const env = readEnv(text);
    return env?.ANTHROPIC_BASE_URL === target.origin && env.ANTHROPIC_AUTH_TOKEN === target.apiKey;
  },
};

function readEnv(text: string): Record<string, unknown> | null {
  const settings: unknown = parse(text, [], { allowTrailingComma: true });
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return null;
  const env = (settings as Record<string, unknown>).env;
  return env !== null && typeof env === 'object' && !Array.isArray(env) ? (env as Record<string, unknown>) : null;
}

function setEnv(text: string, key: string, value: string | undefined): string {
  const env = readEnv(text);
  if (value === undefined && (env === null || !(key in env))) return text;
  return edit(text, ['env', key], value);
}

function edit(text: string, path: string[], value: unknown): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: formattingOf(text) }));
}

/** Indent new keys the way the file already does. */
function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol: eolOf(text) };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol: eolOf(text) };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
