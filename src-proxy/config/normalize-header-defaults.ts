import type { ParsedConfig } from './config-schema';

/** `claude-header-defaults` keys and the Claude Code header each one replaces (docs/providers.md#claude-identity-headers). */
const claudeHeaderNames: Readonly<Record<string, string>> = {
  'user-agent': 'user-agent',
  'package-version': 'x-stainless-package-version',
  'runtime-version': 'x-stainless-runtime-version',
  os: 'x-stainless-os',
  arch: 'x-stainless-arch',
  timeout: 'x-stainless-timeout',
};

/**
 * `claude-header-defaults` as upstream headers (lower-cased name -> value), blank values dropped: they
 * replace the built-in Claude Code fingerprint wherever the proxy sends one. `timezone` and
 * `stabilize-device-profile` are not headers and are not used yet.
 */
export function normalizeClaudeHeaderDefaults(section: ParsedConfig['claude-header-defaults']): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!section) return headers;
  for (const [key, header] of Object.entries(claudeHeaderNames)) {
    const value = (section as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim() !== '') headers[header] = value.trim();
  }
  return headers;
}

/** `codex-header-defaults.user-agent` as an upstream header; `beta-features` belongs to the WebSocket transport. */
export function normalizeCodexHeaderDefaults(section: ParsedConfig['codex-header-defaults']): Record<string, string> {
  const userAgent = section?.['user-agent']?.trim() ?? '';
  return userAgent ? { 'user-agent': userAgent } : {};
}
