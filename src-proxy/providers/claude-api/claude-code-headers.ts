import { clientHeader } from '../client-header';
import type { ClientHeaders, CloakMark, UpstreamCall } from '../provider-definition';
import { claudeCodeAnthropicVersion, claudeCodeBetas, claudeCodeFingerprintHeaders } from './claude-code-profile';

/**
 * Claude Code's identity headers for a cloaked request (docs/providers.md#claude-identity-headers, the parts
 * that apply to an API key): its user agent, `x-app: cli`, the Stainless
 * SDK headers, the session id that is also in `metadata.user_id`, and `anthropic-beta` led by
 * `claude-code-20250219` with the client's own betas after it. `x-client-request-id` goes only to
 * api.anthropic.com, as Claude Code sends it. Names stay lower-case (HTTP header names are
 * case-insensitive; undici sends them as given). Accept and Accept-Encoding are left as for any
 * request: the proxy does not decode compressed success bodies. `fingerprint` is `claude-header-defaults`.
 */
export function applyClaudeCodeHeaders(
  headers: Record<string, string>,
  call: UpstreamCall,
  cloak: CloakMark,
  clientHeaders: ClientHeaders,
  firstParty: boolean,
  fingerprint: Readonly<Record<string, string>> | undefined,
): void {
  headers['anthropic-version'] = claudeCodeAnthropicVersion;
  headers['anthropic-beta'] = mergeBetas(claudeCodeBetas, clientHeader(clientHeaders, 'anthropic-beta'));
  headers['anthropic-dangerous-direct-browser-access'] = 'true';
  headers['x-app'] = 'cli';
  Object.assign(headers, claudeCodeFingerprintHeaders(fingerprint, call.operation));
  headers['x-claude-code-session-id'] = cloak.sessionId;
  if (firstParty) headers['x-client-request-id'] = cloak.requestId;
}

/** `leading` first, then the client's betas not already listed (comma-separated, order kept). */
export function mergeBetas(leading: readonly string[], clientBetas: string): string {
  const merged = [...leading];
  for (const beta of clientBetas.split(',')) {
    const trimmed = beta.trim();
    if (trimmed !== '' && !merged.includes(trimmed)) merged.push(trimmed);
  }
  return merged.join(',');
}
