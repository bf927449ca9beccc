import { BoundedMemo } from '../../../src-shared/bounded-memo';
import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import { clientHeader } from '../client-header';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';
import { applyClaudeCodeHeaders } from './claude-code-headers';

/** Anthropic's current stable API version header (docs.anthropic.com, "Versions"). */
const defaultAnthropicVersion = '2023-06-01';

/**
 * Anthropic Messages upstream for `claude-api-key` (docs/providers.md#claude-api-key): the key goes in `x-api-key` on
 * api.anthropic.com and as a Bearer token on custom base URLs; the client's `anthropic-version`,
 * `anthropic-beta` and User-Agent are passed through (caller-owned headers), unless the body was
 * cloaked: then the request carries Claude Code's identity headers instead. The entry's configured
 * `headers` come last either way.
 */
export function buildClaudeApiRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    'anthropic-version': clientHeader(clientHeaders, 'anthropic-version') || defaultAnthropicVersion,
    'user-agent': clientHeader(clientHeaders, 'user-agent') || 'cli-proxy-desktop',
  };
  const beta = clientHeader(clientHeaders, 'anthropic-beta');
  if (beta) headers['anthropic-beta'] = beta;
  const firstParty = isFirstPartyAnthropic(credential.baseUrl);
  if (call.cloak) applyClaudeCodeHeaders(headers, call, call.cloak, clientHeaders, firstParty, credential.headerDefaults);
  if (firstParty) headers['x-api-key'] = credential.apiKey;
  else headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const path = call.operation === 'count-tokens' ? '/v1/messages/count_tokens' : '/v1/messages';
  return { method: 'POST', url: credential.baseUrl + path, headers, body };
}

/** Asked on every request: the answer is remembered per base URL (a credential's own, so few of them). */
export function isFirstPartyAnthropic(baseUrl: string): boolean {
  return firstPartyByBaseUrl.get(baseUrl);
}

const firstPartyByBaseUrl = new BoundedMemo(64, (baseUrl: string) => hostnameOf(baseUrl) === 'api.anthropic.com');

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
