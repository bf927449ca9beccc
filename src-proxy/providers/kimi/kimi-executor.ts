import { isRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';
import { kimiApiHeaders } from './kimi-identity';
import { kimiUpstreamModel } from './kimi-models';
import { normalizeKimiMessages } from './normalize-kimi-messages';

/**
 * OpenAI Chat Completions upstream for Kimi accounts (docs/providers.md#kimi-executor):
 * `POST {base}/v1/chat/completions` with `Authorization: Bearer <access token>` (the attempt put the current
 * token in `apiKey`), CLIProxyAPI's user agent and the `X-Msh-*` identity with the file's device id; the
 * file's `headers` come last.
 */
export function buildKimiRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...kimiApiHeaders(credential.oauth?.deviceId ?? ''),
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${credential.apiKey}`,
  };
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const path = call.operation === 'completions' ? '/v1/completions' : '/v1/chat/completions';
  return { method: 'POST', url: credential.baseUrl + path, headers, body };
}

/**
 * docs/providers.md#kimi-executor: the model as Kimi names it, usage asked for on streams, OpenAI's
 * `reasoning_effort` as Kimi's `thinking` object, and the history repaired (normalize-kimi-messages.ts).
 * Replaces top-level members only.
 */
export function prepareKimiBody(body: Record<string, unknown>): undefined {
  if (typeof body.model === 'string') body.model = kimiUpstreamModel(body.model);
  if (body.stream === true) body.stream_options = { ...(isRecord(body.stream_options) ? body.stream_options : {}), include_usage: true };
  if (typeof body.reasoning_effort === 'string') {
    const effort = body.reasoning_effort;
    delete body.reasoning_effort;
    body.thinking = effort === 'none' ? { type: 'disabled' } : { type: 'enabled', effort };
  }
  if (Array.isArray(body.messages)) body.messages = normalizeKimiMessages(body.messages);
  return undefined;
}

