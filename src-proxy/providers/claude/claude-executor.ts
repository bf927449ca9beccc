import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import { clientHeader } from '../client-header';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';
import { isFirstPartyAnthropic } from '../claude-api/claude-api-executor';
import { applyClaudeCodeHeaders, mergeBetas } from '../claude-api/claude-code-headers';
import { claudeCodeAnthropicVersion, claudeCodeFingerprintHeaders } from '../claude-api/claude-code-profile';

/**
 * The betas an OAuth request leads with: the minimum a subscription token needs (docs/providers.md#claude-betas) (`claude-code-20250219`
 * and `oauth-2025-04-20`, without which the token is refused) plus `interleaved-thinking-2025-05-14`, in
 * Claude Code's order. The client's own betas follow.
 */
export const claudeOAuthBetas: readonly string[] = ['claude-code-20250219', 'oauth-2025-04-20', 'interleaved-thinking-2025-05-14'];

/**
 * Anthropic Messages upstream for Claude OAuth accounts (docs/providers.md#claude-executor): `POST {base}/v1/messages?beta=true`
 * with `Authorization: Bearer <access token>` (the attempt put the current token in `apiKey`), Claude
 * Code's identity headers (`claude-header-defaults` replacing the built-in fingerprint) and the OAuth betas.
 * A cloaked body also gets the session headers; a native Claude Code client keeps its own user agent. The
 * file's `headers` come last.
 */
export function buildClaudeOAuthRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
  };
  const firstParty = isFirstPartyAnthropic(credential.baseUrl);
  if (call.cloak) applyClaudeCodeHeaders(headers, call, call.cloak, clientHeaders, firstParty, credential.headerDefaults);
  else {
    Object.assign(headers, claudeCodeFingerprintHeaders(credential.headerDefaults, call.operation));
    const clientAgent = clientHeader(clientHeaders, 'user-agent');
    if (clientAgent.startsWith('claude-cli/')) headers['user-agent'] = clientAgent;
    headers['anthropic-dangerous-direct-browser-access'] = 'true';
    headers['x-app'] = 'cli';
  }
  headers['anthropic-version'] = claudeCodeAnthropicVersion;
  headers['anthropic-beta'] = mergeBetas(claudeOAuthBetas, clientHeader(clientHeaders, 'anthropic-beta'));
  headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const path = call.operation === 'count-tokens' ? '/v1/messages/count_tokens' : '/v1/messages';
  return { method: 'POST', url: `${credential.baseUrl}${path}?beta=true`, headers, body };
}
