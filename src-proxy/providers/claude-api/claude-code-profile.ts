import type { UpstreamCall } from '../provider-definition';

/**
 * The Claude Code client a cloaked request presents itself as: Claude Code 2.1.220 as recorded for docs/providers.md#claude-identity-headers
 * ("Identity headers") and 1.5 ("Cloaking"). `claude-header-defaults` replaces the user agent, the Stainless
 * package and runtime versions, OS, arch and timeout (`claudeCodeFingerprintHeaders`).
 */
export const claudeCodeVersion = '2.1.220';

/** The first line of every Claude Code system prompt; a cloaked request's second system block. */
export const claudeCodeIdentity = "You are Claude Code, Anthropic's official CLI for Claude.";

/** The Anthropic version Claude Code sends (docs.anthropic.com, "Versions"). */
export const claudeCodeAnthropicVersion = '2023-06-01';

export const claudeCodeUserAgent = `claude-cli/${claudeCodeVersion} (external, cli)`;

/**
 * The betas a cloaked API-key request leads with: `claude-code-20250219` (what marks a Claude Code request)
 * and `interleaved-thinking-2025-05-14`, both in every recorded Claude Code baseline (docs/providers.md#claude-betas). The OAuth
 * betas and the newer per-request ones are left to the OAuth issue; the client's own betas follow these.
 */
export const claudeCodeBetas: readonly string[] = ['claude-code-20250219', 'interleaved-thinking-2025-05-14'];

/** Claude Code's Stainless SDK headers (docs/providers.md#claude-identity-headers); `x-stainless-timeout` is not sent on count_tokens. */
export const claudeCodeStainlessHeaders: Readonly<Record<string, string>> = {
  'x-stainless-package-version': '0.94.0',
  'x-stainless-runtime-version': 'v26.3.0',
  'x-stainless-os': 'MacOS',
  'x-stainless-arch': 'arm64',
  'x-stainless-lang': 'js',
  'x-stainless-runtime': 'node',
  'x-stainless-retry-count': '0',
};

export const claudeCodeStainlessTimeout = '600';

/**
 * The Claude Code user agent and Stainless headers of one request, `defaults` (the credential's
 * `claude-header-defaults`, as headers) winning over the built-in profile; `x-stainless-timeout` is not
 * sent on count_tokens (docs/providers.md#claude-identity-headers).
 */
export function claudeCodeFingerprintHeaders(defaults: Readonly<Record<string, string>> | undefined, operation: UpstreamCall['operation']): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': claudeCodeUserAgent, ...claudeCodeStainlessHeaders, 'x-stainless-timeout': claudeCodeStainlessTimeout, ...defaults };
  if (operation === 'count-tokens') delete headers['x-stainless-timeout'];
  return headers;
}
