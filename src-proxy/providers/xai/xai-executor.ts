import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/** docs/providers.md#xai-executor: the Grok CLI version the chat proxy expects, as CPA sends it. */
export const grokCliVersion = '0.2.120';

/** The Grok CLI's identity on the chat proxy (`cli-chat-proxy.grok.com`), only for OAuth accounts chatting through it. */
export const grokCliHeaders: Readonly<Record<string, string>> = {
  'x-xai-token-auth': 'xai-grok-cli',
  'x-grok-client-version': grokCliVersion,
  'user-agent': `xai-grok-workspace/${grokCliVersion}`,
  'x-grok-client-identifier': 'grok-shell',
  'x-authenticateresponse': 'authenticate-response',
};

/**
 * xAI's Responses API for logins and `xai-api-key` entries (docs/providers.md#xai-executor): `POST {base}/responses`
 * as SSE (the body was forced to `stream: true`), `Authorization: Bearer <key or access token>`,
 * `x-grok-conv-id` when the body carries a conversation id; then the credential's headers, which for a login
 * on the chat proxy begin with the Grok CLI identity (`grokCliHeaders`).
 */
export function buildXaiRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (credential.apiKey) headers.authorization = `Bearer ${credential.apiKey}`;
  if (call.cloak?.sessionId) headers['x-grok-conv-id'] = call.cloak.sessionId;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  return { method: 'POST', url: `${credential.baseUrl}/responses`, headers, body };
}
