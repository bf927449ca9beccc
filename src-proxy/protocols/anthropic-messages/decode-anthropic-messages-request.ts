import type { CanonicalMessage, CanonicalRequest, TextPart, Translated, TranslationContext } from '../../canonical/index';
import { z } from 'zod';
import {
  anthropicCountTokensRequestSchema,
  messageSchema,
  anthropicMessagesRequestSchema,
  type AnthropicRequestBody,
} from './anthropic-messages-schemas';
import { addZodIssues, createDecodeScope, invalidRequestError, type DecodeScope } from './anthropic-request-issues';
import { decodeAnthropicMessages, decodeSystemContent } from './decode-anthropic-messages-messages';
import {
  decodeAnthropicReasoning,
  decodeAnthropicResponseFormat,
  decodeAnthropicToolChoice,
  decodeAnthropicTools,
  warnUnmodelledFields,
} from './decode-anthropic-messages-options';

export interface DecodeAnthropicMessagesRequestOptions {
  /** `POST /v1/messages` requires max_tokens; `/v1/messages/count_tokens` does not. Default true. */
  requireMaxTokens?: boolean;
}

/**
 * An Anthropic Messages client request -> canonical request. Every bad field is reported in one
 * PX_INVALID_REQUEST (400) naming its path; fields the hub cannot express become warnings.
 */
export function decodeAnthropicMessagesRequest(
  body: unknown,
  context: TranslationContext,
  options: DecodeAnthropicMessagesRequestOptions = {},
): Translated<CanonicalRequest> {
  void context; // Ids are the client's own; nothing to synthesise when decoding a request.
  const schema = options.requireMaxTokens === false ? anthropicCountTokensRequestSchema : anthropicMessagesRequestSchema;
  const scope = createDecodeScope();
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    addZodIssues(scope, '', parsed.error);
    collectMessageIssues(body, scope);
    throw invalidRequestError(scope.issues);
  }
  const request = buildRequest(parsed.data, scope);
  if (scope.issues.length > 0) throw invalidRequestError(scope.issues);
  return { value: request, warnings: scope.warnings };
}

function buildRequest(body: AnthropicRequestBody, scope: DecodeScope): CanonicalRequest {
  const system = body.system == null ? [] : decodeSystemContent(body.system, 'system', scope);
  const messages = decodeAnthropicMessages(body.messages, scope);
  hoistLeadingSystemMessages(messages, system);
  const request: CanonicalRequest = {
    model: body.model,
    system,
    messages,
    tools: body.tools ? decodeAnthropicTools(body.tools, scope) : [],
    stream: body.stream === true,
  };
  if (body.tool_choice) Object.assign(request, decodeAnthropicToolChoice(body.tool_choice));
  if (body.max_tokens != null) request.maxOutputTokens = body.max_tokens;
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null) request.topP = body.top_p;
  if (body.top_k != null) request.topK = body.top_k;
  if (body.stop_sequences != null) request.stopSequences = body.stop_sequences;
  if (body.metadata?.user_id != null) request.user = body.metadata.user_id;
  const reasoning = decodeAnthropicReasoning(body, scope);
  if (reasoning) request.reasoning = reasoning;
  const responseFormat = decodeAnthropicResponseFormat(body);
  if (responseFormat) request.responseFormat = responseFormat;
  warnUnmodelledFields(body, scope);
  return request;
}

/** The top level failed: still report bad fields inside content blocks, so one round trip shows them all. */
function collectMessageIssues(body: unknown, scope: DecodeScope): void {
  const messages = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['messages'] : undefined;
  const parsed = z.array(messageSchema).safeParse(messages);
  if (parsed.success) decodeAnthropicMessages(parsed.data, scope);
}

/** role:'system' messages before the first user/assistant turn are leading instructions (canonical `system`). */
function hoistLeadingSystemMessages(messages: CanonicalMessage[], system: TextPart[]): void {
  while (messages[0]?.role === 'system') {
    const first = messages.shift();
    if (first?.role === 'system') system.push(...first.content);
  }
}
