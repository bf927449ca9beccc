import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/**
 * Vertex AI's Gemini methods (docs/providers.md#vertex-ai-vertex), the Gemini wire unchanged:
 * - a service account (`credential.oauth`): its base URL is the project's location resource
 *   (`{host}/v1/projects/{project}/locations/{location}`), the token goes in `Authorization: Bearer`;
 * - a `vertex-api-key` entry: `{base-url}/v1`, the key in `x-goog-api-key` (never in the query string).
 * Then `/publishers/google/models/{model}:generateContent`, `:streamGenerateContent?alt=sse` or `:countTokens`.
 */
export function buildVertexRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    'user-agent': 'cli-proxy-desktop',
  };
  if (credential.oauth) headers.authorization = `Bearer ${credential.apiKey}`;
  else headers['x-goog-api-key'] = credential.apiKey;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const root = credential.oauth ? credential.baseUrl : `${credential.baseUrl}/v1`;
  const model = encodeURIComponent(call.model);
  const action = call.operation === 'count-tokens' ? 'countTokens' : call.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { method: 'POST', url: `${root}/publishers/google/models/${model}:${action}`, headers, body };
}
