import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import { clientHeader } from '../client-header';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/** Client headers worth forwarding to an OpenAI-compatible upstream (everything else is ours to set). */
const forwardedClientHeaders = ['openai-organization', 'openai-project', 'openai-beta'];

/**
 * URL and headers for an OpenAI-compatible upstream (docs/providers.md#openai-compatible): `<base-url>/chat/completions` (or
 * `/completions`), `Authorization: Bearer <api-key>` when the entry has a key, then the entry's headers.
 */
export function buildOpenAICompatibleRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    'user-agent': 'cli-proxy-desktop',
  };
  for (const name of forwardedClientHeaders) {
    const value = clientHeader(clientHeaders, name);
    if (value) headers[name] = value;
  }
  if (credential.apiKey) headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const path = call.operation === 'completions' ? '/completions' : '/chat/completions';
  return { method: 'POST', url: credential.baseUrl + path, headers, body };
}
