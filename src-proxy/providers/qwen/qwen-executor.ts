import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/** Qwen Code's client identity (docs/providers.md#qwen-executor). */
export const qwenUserAgent = 'QwenCode/0.14.2 (darwin; arm64)';

const qwenHeaders: Readonly<Record<string, string>> = {
  'user-agent': qwenUserAgent,
  'x-dashscope-useragent': qwenUserAgent,
  'x-dashscope-authtype': 'qwen-oauth',
  'x-dashscope-cachecontrol': 'enable',
  'x-stainless-runtime-version': 'v22.17.0',
  'x-stainless-lang': 'js',
  'x-stainless-os': 'MacOS',
  'x-stainless-arch': 'arm64',
  'x-stainless-runtime': 'node',
  'x-stainless-retry-count': '0',
  'x-stainless-package-version': '5.11.0',
  'accept-language': '*',
  'sec-fetch-mode': 'cors',
  'accept-encoding': 'gzip, deflate',
  connection: 'keep-alive',
};

/**
 * OpenAI Chat Completions upstream for Qwen OAuth accounts (docs/providers.md#qwen-executor): `POST {base}/chat/completions` where
 * base comes from the file's `resource_url`, `Authorization: Bearer <access token>` (the attempt put the
 * current token in `apiKey`) and Qwen Code's headers; the file's `headers` come last.
 */
export function buildQwenRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...qwenHeaders,
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${credential.apiKey}`,
  };
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  const path = call.operation === 'completions' ? '/completions' : '/chat/completions';
  return { method: 'POST', url: credential.baseUrl + path, headers, body };
}

/**
 * docs/providers.md#qwen-executor: every system message merged into one first message whose content
 * starts with an empty cached text part; a stream asks for usage.
 */
export function prepareQwenBody(body: Record<string, unknown>): undefined {
  if (body.stream === true) body.stream_options = { ...(isRecord(body.stream_options) ? body.stream_options : {}), include_usage: true };
  if (!Array.isArray(body.messages)) return undefined;
  const systemParts: unknown[] = [{ type: 'text', text: '', cache_control: { type: 'ephemeral' } }];
  const rest: unknown[] = [];
  for (const message of body.messages as unknown[]) {
    if (!isRecord(message) || (message.role !== 'system' && message.role !== 'developer')) {
      rest.push(message);
      continue;
    }
    const { content } = message;
    if (typeof content === 'string') {
      if (content !== '') systemParts.push({ type: 'text', text: content });
    } else if (Array.isArray(content)) systemParts.push(...content);
  }
  body.messages = [{ role: 'system', content: systemParts }, ...rest];
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
