import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/** OpenAI Responses upstream for `codex-api-key` (spec 2.5): `<base-url>/responses`, Bearer key. */
export function buildCodexApiRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    'user-agent': 'cli-proxy-desktop',
  };
  if (credential.apiKey) headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  return { method: 'POST', url: `${credential.baseUrl}/responses`, headers, body };
}
