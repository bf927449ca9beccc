import { createHmac, randomUUID } from 'node:crypto';
import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

export const iflowUserAgent = 'iFlow-Cli';

/** docs/providers.md#iflow-executor: hex(HMAC-SHA256(key = api key, msg = "iFlow-Cli:<session-id>:<timestamp ms>")). */
export function iflowSignature(apiKey: string, sessionId: string, timestamp: string): string {
  return createHmac('sha256', apiKey).update(`${iflowUserAgent}:${sessionId}:${timestamp}`).digest('hex');
}

/**
 * OpenAI Chat Completions upstream for iFlow accounts (docs/providers.md#iflow-executor): `POST {base}/chat/completions` with
 * `Authorization: Bearer <api_key>` (the attempt put the account's API key in `apiKey`), `User-Agent:
 * iFlow-Cli`, a fresh `session-id`, `x-iflow-timestamp` and the HMAC `x-iflow-signature`; the file's
 * `headers` come last.
 */
export function buildIFlowRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders, now: () => number = Date.now): UpstreamRequest {
  const sessionId = `session-${randomUUID()}`;
  const timestamp = String(now());
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${credential.apiKey}`,
    'user-agent': iflowUserAgent,
    'session-id': sessionId,
    'x-iflow-timestamp': timestamp,
    'x-iflow-signature': iflowSignature(credential.apiKey, sessionId, timestamp),
  };
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const path = call.operation === 'completions' ? '/completions' : '/chat/completions';
  return { method: 'POST', url: credential.baseUrl + path, headers, body };
}

/** docs/providers.md#iflow-executor: a stream request with an empty `tools` array gets a placeholder tool. */
export function prepareIFlowBody(body: Record<string, unknown>): undefined {
  if (body.stream === true && Array.isArray(body.tools) && body.tools.length === 0) {
    body.tools = [{ type: 'function', function: { name: 'noop', description: 'Placeholder tool to stabilise streaming', parameters: { type: 'object' } } }];
  }
  return undefined;
}
