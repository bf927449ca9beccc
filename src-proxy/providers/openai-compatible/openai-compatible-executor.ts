import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamOperation, UpstreamRequest } from '../provider-definition';

const paths: Record<UpstreamOperation, string> = {
  chat: '/chat/completions',
  completions: '/completions',
};

/** Client headers worth forwarding to an OpenAI-compatible upstream (everything else is ours to set). */
const forwardedClientHeaders = ['openai-organization', 'openai-project', 'openai-beta'];

/**
 * URL and headers for an OpenAI-compatible upstream: `<base-url>/chat/completions`, `Authorization:
 * Bearer <api-key>` when the entry has a key (spec 1.3), then the entry's own headers.
 */
export function buildOpenAICompatibleRequest(
  credential: Credential,
  operation: UpstreamOperation,
  body: string,
  clientHeaders: ClientHeaders,
): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'user-agent': 'cli-proxy-desktop',
  };
  for (const name of forwardedClientHeaders) {
    const value = clientHeaders[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (credential.apiKey) headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  return { method: 'POST', url: credential.baseUrl + paths[operation], headers, body };
}
