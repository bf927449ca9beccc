import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/**
 * Gemini API upstream for `gemini-api-key` (docs/providers.md#gemini-api-key): the model and the streaming mode are in the
 * URL, the key in `x-goog-api-key` (never in the query string, which ends up in logs).
 */
export function buildGeminiApiRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    'user-agent': 'cli-proxy-desktop',
  };
  if (credential.apiKey) headers['x-goog-api-key'] = credential.apiKey;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const model = encodeURIComponent(call.model).replace(/%2F/gi, '/');
  const action = call.operation === 'count-tokens' ? 'countTokens' : call.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { method: 'POST', url: `${credential.baseUrl}/v1beta/models/${model}:${action}`, headers, body };
}
